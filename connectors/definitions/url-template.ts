import { WeftError } from '../../core/index.js';

/**
 * `{{name}}` placeholders of definition templates. Names are identifiers, so
 * `{{secrets.X}}` (with its dot) is never mistaken for a parameter: it stays for the
 * secret resolver.
 */
const parameter = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Parameter names used in a template, in order of first use. */
export function templateParameters(template: string): string[] {
  return [...new Set([...template.matchAll(parameter)].map((m) => m[1]))];
}

/** Replace every `{{name}}` with `encode(value(name))`; a missing value throws CONNECTOR_INPUT_INVALID. */
export function renderTemplate(
  template: string,
  value: (name: string) => string | undefined,
  encode: (text: string) => string = (text) => text,
  where = 'template',
): string {
  return template.replace(parameter, (_match, name: string) => {
    const text = value(name);
    if (text === undefined) {
      throw new WeftError('CONNECTOR_INPUT_INVALID', `${where} parameter ${name} has no value`, { details: { parameter: name } });
    }
    return encode(text);
  });
}

/** A URL template split where values may and may not go. */
export interface UrlTemplateParts {
  /** `https://host[:port]` — never templated, so a value can never change the host. */
  readonly origin: string;
  readonly hostname: string;
  readonly port: number;
  /** Path and query template after the origin. */
  readonly rest: string;
}

/** Split a URL template; undefined when the authority holds a placeholder or is not https. */
export function splitUrlTemplate(template: string): UrlTemplateParts | undefined {
  const match = /^https:\/\/([^/?#]+)(.*)$/s.exec(template);
  if (!match || match[1].includes('{') || match[1].includes('}') || match[1].includes('@')) return undefined;
  try {
    const url = new URL(`https://${match[1]}/`);
    return { origin: url.origin, hostname: url.hostname, port: url.port === '' ? 443 : Number(url.port), rest: match[2] };
  } catch {
    return undefined;
  }
}
