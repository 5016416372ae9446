// Reading a manifest's YAML documents with the `yaml` package, and a broken one
// reported as kubectl reports it: kubectl turns YAML into JSON with
// sigs.k8s.io/yaml over go-yaml, so the error is go-yaml's, at its line
// ("error converting YAML to JSON: yaml: line 7: mapping values are not allowed
// in this context"). The `yaml` package finds the same faults; each of its error
// codes is given go-yaml's words for it (go-yaml scannerc.go and parserc.go).
// kubectl names no column; the line is the first one the fault is on.
import { parseAllDocuments, type YAMLError } from 'yaml';

const GO_YAML_WORDS: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: 'found character that cannot start any token',
  BLOCK_AS_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  MULTILINE_IMPLICIT_KEY: "could not find expected ':'",
  BAD_INDENT: 'did not find expected key',
  UNEXPECTED_TOKEN: 'did not find expected key',
  MISSING_CHAR: 'found unexpected end of stream',
  BAD_DQ_ESCAPE: 'found unknown escape character while parsing a quoted scalar',
  BAD_SCALAR_START: 'found character that cannot start any token',
  BLOCK_IN_FLOW: "did not find expected ',' or ']'",
  BAD_ALIAS: 'found undefined alias',
  KEY_OVER_1024_CHARS: "could not find expected ':'",
};

export type Documents = { ok: true; docs: unknown[] } | { ok: false; message: string };

function goYamlMessage(e: YAMLError): string {
  const line = e.linePos?.[0]?.line;
  const words = GO_YAML_WORDS[e.code] ?? e.message.split(' at line')[0].toLowerCase();
  return `yaml: ${line !== undefined ? `line ${line}: ` : ''}${words}`;
}

/** Every document of the stream as plain data (an empty document, as after a trailing "---", skipped as kubectl skips it). */
export function readDocuments(text: string): Documents {
  const docs = parseAllDocuments(text, { uniqueKeys: false, merge: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const d of list) {
    const e = d.errors[0];
    if (e) return { ok: false, message: `error converting YAML to JSON: ${goYamlMessage(e)}` };
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: 100 });
    } catch {
      // go-yaml's limit on alias expansion (decode.go allowedAliasRatio).
      return { ok: false, message: 'error converting YAML to JSON: yaml: document contains excessive aliasing' };
    }
    if (value !== null && value !== undefined) out.push(value);
  }
  return { ok: true, docs: out };
}
