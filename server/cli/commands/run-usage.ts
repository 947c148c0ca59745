/** `weft run --help`. Kept apart so help and usage errors load nothing heavy. */
export const runUsage = `weft run FILE.bpmn [--variables JSON | --variables @file.json] [--db PATH] [--timeout SECONDS] [--json]
         [--connectors DIR] [--credentials FILE]

Deploys FILE.bpmn into an embedded engine (in-memory SQLite unless --db), starts one
instance of its executable process and runs it until it completes, or nothing more can
happen without outside input (an incident, a job with no handler and no pending timer),
or the timeout passes (default 30 seconds). Real timers are waited for.

  --variables JSON|@FILE   initial variables: a JSON object, inline or read from a file
  --db PATH                keep the engine's SQLite database in PATH
  --timeout SECONDS        give up waiting after this long (default 30)
  --json                   print exactly one JSON object on stdout
  --connectors DIR         load every *.json connector definition in DIR
  --credentials FILE       {"<connector_id>": {"enabled": true, "config": {…}}}, stored
                           encrypted for the default workspace

Connector tasks run in the embedded engine: the Camunda REST connector
(io.camunda:http-json:1) and connector:<id> tasks. Secrets come from WEFT_SECRET_<NAME>.

Exit codes: 0 completed; 1 not completed; 2 invalid file or arguments.`;
