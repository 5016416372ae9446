// kubectl apply -f FILE|- (staging/src/k8s.io/kubectl/pkg/cmd/apply): every
// document of every file, in order; each one's line ("deployment.apps/web-app
// created"), a refused one's error after the others, and status 1 if any was
// refused. `kind: List` documents are taken item by item, as kubectl does.
import { applyDesired } from '../../orchestrator/api-server.js';
import { canonicalJson } from '../../orchestrator/names.js';
import { str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { error, type Kctl, type KubectlCommand } from './kubectl-context.js';
import { clientCheck, decode } from './manifest-objects.js';
import { readDocuments } from './manifest-yaml.js';
import { resourceOfKind } from './resources.js';

/** The text of each -f source, or the error kubectl gives for it. */
export function readSources(k: Kctl, command: string): { ok: true; sources: { name: string; text: string }[] } | { ok: false; result: ExecResult } {
  const files = k.flags.values.get('filename');
  const list = Array.isArray(files) ? files : typeof files === 'string' ? [files] : [];
  if (list.length === 0) return { ok: false, result: error('must specify one of -f and -k') };
  const sources: { name: string; text: string }[] = [];
  for (const f of list) {
    if (f === '-') {
      if (k.stdin === undefined)
        return { ok: false, result: error(`no objects passed to ${command} (standard input is empty here: give the manifest as a file)`) };
      sources.push({ name: 'STDIN', text: k.stdin });
      continue;
    }
    const read = k.driver.readFile?.(f);
    if (!read) return { ok: false, result: error(`the path "${f}" cannot be read here`) };
    if (!read.ok) return { ok: false, result: error(read.message) };
    sources.push({ name: f, text: read.text });
  }
  return { ok: true, sources };
}

function items(doc: unknown): unknown[] {
  const d = doc as { kind?: unknown; items?: unknown };
  return d && typeof d === 'object' && d.kind === 'List' && Array.isArray(d.items) ? d.items : [doc];
}

export const apply: KubectlCommand = {
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: {
    filename: { type: 'string', aliases: ['f'], repeat: true },
    output: { type: 'string', aliases: ['o'] },
    'dry-run': { type: 'string' },
    recursive: { type: 'boolean', aliases: ['R'], ignored: true },
    validate: { type: 'string', ignored: true },
    'server-side': { type: 'boolean', ignored: true },
    'field-manager': { type: 'string', ignored: true },
  },
  run(k) {
    const read = readSources(k, 'apply');
    if (!read.ok) return read.result;
    const dry = str(k.flags, 'dry-run');
    if (dry !== undefined && !['client', 'server', 'none'].includes(dry))
      return error(`Invalid dry-run value (${dry}). Must be "none", "server", or "client".`);
    const output = str(k.flags, 'output');
    let out = '';
    const errs: string[] = [];
    for (const src of read.sources) {
      const docs = readDocuments(src.text);
      if (!docs.ok) {
        errs.push(`error: error parsing ${src.name}: ${docs.message}`);
        continue;
      }
      for (const doc of docs.docs.flatMap(items)) {
        const client = clientCheck(doc, src.name);
        if (client) {
          errs.push(`error: ${client.message}`);
          continue;
        }
        const decoded = decode(doc, k.namespace);
        if (!decoded.ok) {
          const r = decoded.refusal;
          errs.push(
            r.stage === 'client'
              ? `error: ${r.message}`
              : `Error from server (${r.reason === 'Invalid' ? 'Invalid' : 'BadRequest'}): error when creating "${src.name}": ${r.message}`,
          );
          continue;
        }
        // The object as given, keys in order as Go's encoding/json writes a map, and a newline (apply's GetModifiedConfiguration).
        const d = { ...decoded.value, applied: `${canonicalJson(doc)}\n` };
        if (k.namespaceGiven && d.namespace !== undefined && d.namespace !== k.namespace) {
          errs.push(
            `error: the namespace from the provided object "${d.namespace}" does not match the namespace "${k.namespace}". You must pass '--namespace=${d.namespace}' to perform this operation.`,
          );
          continue;
        }
        const form = resourceOfKind(d.kind)!.nameForm;
        if (dry === 'client' || dry === 'server') {
          out += output === 'name' ? `${form}/${d.name}\n` : `${form}/${d.name} ${dry === 'client' ? 'created (dry run)' : 'created (server dry run)'}\n`;
          continue;
        }
        const r = applyDesired(k.cluster, k.ctx, d);
        if (!r.ok) {
          errs.push(`Error from server (${r.reason}): error when creating "${src.name}": ${r.message}`);
          continue;
        }
        out += output === 'name' ? `${form}/${d.name}\n` : `${form}/${d.name} ${r.verb}\n`;
      }
    }
    if (out === '' && errs.length === 0) errs.push('error: no objects passed to apply');
    return { exitCode: errs.length ? 1 : 0, stdout: out, stderr: errs.map((e) => `${e}\n`).join(''), changed: false };
  },
};
