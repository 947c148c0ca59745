import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../../../engine/bpmn/index.js';
import { around, compileOk, compileProblems, definitions, processXml } from './bpmn-xml.js';

const SMALL = around('    <bpmn:task id="x" />');

describe('hostile XML is refused before parsing', () => {
  it('refuses a DOCTYPE (XXE) with BPMN_DOCTYPE_FORBIDDEN and its position', async () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n${SMALL.slice(SMALL.indexOf('\n') + 1).replace('<bpmn:task id="x" />', '<bpmn:task id="x" name="&xxe;" />')}`;
    const problems = await compileProblems(xml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'BPMN_DOCTYPE_FORBIDDEN', line: 2, column: 1 });
    expect(problems[0]?.message).toContain('line 2, column 1');
  });

  it('refuses the billion-laughs entity expansion without expanding anything', async () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i += 1) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${entities.join('\n')}\n]>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" name="&lol9;" isExecutable="true"/></bpmn:definitions>`;
    const started = performance.now();
    const problems = await compileProblems(xml);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(problems.map((p) => p.code)).toEqual(['BPMN_DOCTYPE_FORBIDDEN']);
  });

  it('refuses an entity declaration even without a DOCTYPE wrapper, in any case', async () => {
    const problems = await compileProblems(`<!entity x "y">\n${SMALL}`);
    expect(problems.map((p) => p.code)).toEqual(['BPMN_DOCTYPE_FORBIDDEN']);
  });

  it('does not mistake DOCTYPE text inside a comment or CDATA for a declaration', async () => {
    const xml = SMALL.replace('<bpmn:task id="x" />', '<!-- <!DOCTYPE nothing> --><bpmn:task id="x"><bpmn:documentation><![CDATA[<!ENTITY nope "x">]]></bpmn:documentation></bpmn:task>');
    await compileOk(xml);
  });

  it('refuses a file over the byte limit, naming the limit', async () => {
    const problems = await compileProblems(SMALL, { maxBytes: 100 });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('BPMN_TOO_LARGE');
    expect(problems[0]?.message).toContain('100 bytes');
  });

  it('has a 4 MiB default byte limit', async () => {
    const padding = `<!-- ${'x'.repeat(4 * 1024 * 1024)} -->`;
    const problems = await compileProblems(SMALL.replace('<bpmn:task', `${padding}<bpmn:task`));
    expect(problems[0]?.message).toContain(`${4 * 1024 * 1024} bytes`);
  });

  it('refuses more flow elements than the limit, naming it; the option raises it', async () => {
    const tasks = Array.from({ length: 30 }, (_, i) => `<bpmn:task id="t${i}" />`).join('');
    const xml = processXml(`<bpmn:startEvent id="s" />${tasks}`);
    const problems = await compileProblems(xml, { maxFlowElements: 20 });
    expect(problems.map((p) => p.code)).toEqual(['BPMN_TOO_LARGE']);
    expect(problems[0]?.message).toContain('more than 20 flow elements');
    const result = await compileBpmn(xml, { maxFlowElements: 40 });
    expect(result.ok).toBe(true);
  });

  it('refuses XML nested deeper than the limit', async () => {
    const deep = `${'<bpmn:documentation>'.repeat(1)}${'<x:a xmlns:x="urn:x">'.repeat(300)}${'</x:a>'.repeat(300)}</bpmn:documentation>`;
    const problems = await compileProblems(SMALL.replace('<bpmn:task id="x" />', `<bpmn:task id="x">${deep}</bpmn:task>`));
    expect(problems.map((p) => p.code)).toEqual(['BPMN_TOO_DEEP']);
    expect(problems[0]?.message).toContain('256 levels');
  });

  it('refuses subprocesses nested deeper than the limit; the option changes it', async () => {
    const nest = (levels: number): string =>
      levels === 0 ? '<bpmn:startEvent id="s0" />' : `<bpmn:subProcess id="sp${levels}"><bpmn:startEvent id="s${levels}" />${nest(levels - 1)}</bpmn:subProcess>`;
    const xml = processXml(`<bpmn:startEvent id="start" />${nest(5)}`);
    const problems = await compileProblems(xml, { maxSubprocessDepth: 4 });
    expect(problems.map((p) => p.code)).toEqual(['BPMN_TOO_DEEP']);
    expect(problems[0]?.message).toContain('more than 4 levels');
    const relaxed = await compileBpmn(xml, { maxSubprocessDepth: 5 });
    expect(relaxed.ok || relaxed.problems.every((p) => p.code !== 'BPMN_TOO_DEEP')).toBe(true);
  });
});

describe('malformed XML', () => {
  it('reports BPMN_XML_INVALID with line and column', async () => {
    const xml = definitions('  <bpmn:process id="p" isExecutable="true">\n    <bpmn:task id="a">\n  </bpmn:process>');
    const problems = await compileProblems(xml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'BPMN_XML_INVALID', line: 5, column: 3 });
    expect(problems[0]?.message).toMatch(/^line 5, column 3: malformed XML: closing tag mismatch/);
  });

  it('reports an unterminated attribute', async () => {
    const problems = await compileProblems(definitions('<bpmn:process id="p" isExecutable="true"><bpmn:task id="a" name="oops></bpmn:process>'));
    expect(problems.map((p) => p.code)).toContain('BPMN_XML_INVALID');
    expect(problems.every((p) => p.line !== undefined)).toBe(true);
  });

  it.each([
    ['empty text', ''],
    ['plain text', 'not xml at all'],
    ['a foreign root element', '<html><body/></html>'],
    ['truncated document', '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">'],
  ])('refuses %s with BPMN_XML_INVALID', async (_name, xml) => {
    const problems = await compileProblems(xml);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'BPMN_XML_INVALID')).toBe(true);
  });

  it('reports an element id used twice', async () => {
    const problems = await compileProblems(around('    <bpmn:task id="x" />\n    <bpmn:task id="x" />'));
    const duplicate = problems.find((p) => p.code === 'BPMN_DUPLICATE_ID');
    expect(duplicate?.message).toContain("'x'");
    expect(duplicate?.line).toBe(7);
  });

  it('reports an unknown element in a known namespace as unsupported, with its position', async () => {
    const xml = around('    <bpmn:task id="x"><bpmn:extensionElements><zeebe:bogus /></bpmn:extensionElements></bpmn:task>');
    const problems = await compileProblems(xml);
    expect(problems).toEqual([expect.objectContaining({ code: 'BPMN_UNSUPPORTED_ELEMENT', line: 6, message: expect.stringContaining('zeebe:bogus') })]);
  });
});
