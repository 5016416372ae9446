// docker inspect's --format (docker/cli v29 cli/command/inspect/inspector.go):
// none prints the objects as an indented JSON array, "json" as a compact one, and
// anything else is a Go template (templates.Parse, docker's functions; no \t or \n
// replaced, nothing trimmed) run on each object, its output and a newline each.
// The CLI runs it on the typed object first, and on failing there on the raw JSON
// with missingkey=error: a field the object has not is "map has no entry for key",
// while a map's missing key (a label) still prints "<no value>". A struct's Go name
// for a field whose JSON name differs (ID for "Id") is found as the typed run finds it.
import { compileTemplate, TemplateExecError, TemplateParseError } from '../cli/go-template-exec.js';
import { GO_MAP, goJson, isObject, looksLikeStruct, NIL_SLICE } from '../cli/go-template-values.js';
import { DOCKER_FUNCTIONS } from './format-flag.js';

/**
 * The simulation's inspect holds the fields it models, not all the Engine's (Config.Env, say): a missing one is
 * refused in docker's words, then said which there are.
 */
const HINT = ' (hyperpane: the simulated object here has ';

/** Go field names whose JSON names differ, in moby's inspect types (ContainerJSONBase.ID `json:"Id"`, HostConfig's CPU fields). */
const GO_NAMES: Readonly<Record<string, string>> = {
  ID: 'Id',
  CPUShares: 'CpuShares',
  NanoCPUs: 'NanoCpus',
  CPUPeriod: 'CpuPeriod',
  CPUQuota: 'CpuQuota',
  CPURealtimePeriod: 'CpuRealtimePeriod',
  CPURealtimeRuntime: 'CpuRealtimeRuntime',
  CPUCount: 'CpuCount',
  CPUPercent: 'CpuPercent',
};

/**
 * Fields of moby's inspect types that are Go maps, whatever their keys (a label named Env): printed map[k:v],
 * a missing key "<no value>". (Container, network and volume: api/types/container, network, volume.)
 */
const MAP_FIELDS = new Set([
  'Labels',
  'Options',
  'Networks',
  'Ports',
  'ExposedPorts',
  'Volumes',
  'PortBindings',
  'Sysctls',
  'StorageOpt',
  'Tmpfs',
  'Annotations',
  'Data',
  'Containers',
  'Services',
  'DriverOpts',
  'Status',
]);

/** Fields that are Go slices: a null one is a nil slice (printed [], len 0). */
const SLICE_FIELDS = new Set([
  'Aliases',
  'DNSNames',
  'Links',
  'Args',
  'Cmd',
  'Entrypoint',
  'Env',
  'Binds',
  'Dns',
  'DnsOptions',
  'DnsSearch',
  'ExtraHosts',
  'CapAdd',
  'CapDrop',
  'Mounts',
  'Devices',
  'SecurityOpt',
  'GroupAdd',
  'Peers',
  'OnBuild',
  'Shell',
]);

export type InspectTemplate = (objects: readonly object[]) => { stdout: string; failed: string[] };

/** What --format asks for, or the parse error (exit 64) to print. */
export function inspectTemplate(format: string): InspectTemplate | string {
  if (format === '') return (objects) => ({ stdout: objects.length ? `${JSON.stringify(objects, null, 4)}\n` : '[]\n', failed: [] });
  if (format === 'json') return (objects) => ({ stdout: `${goJson(objects)}\n`, failed: [] });
  let run: (data: unknown) => string;
  try {
    run = compileTemplate(format, {
      functions: DOCKER_FUNCTIONS,
      missingField: (name, struct) => `map has no entry for key "${name}"${HINT}${Object.keys(struct).join(', ')})`,
    });
  } catch (e) {
    if (e instanceof TemplateParseError) return `template parsing error: ${e.message}`;
    throw e;
  }
  return (objects) => {
    let stdout = '';
    const failed: string[] = [];
    for (const o of objects) {
      try {
        stdout += `${run(withGoNames(o))}\n`;
      } catch (e) {
        if (!(e instanceof TemplateExecError)) throw e;
        failed.push(`template parsing error: ${e.message}`);
      }
    }
    // inspector.go Flush: nothing written at all is still a line.
    return { stdout: stdout === '' ? '\n' : stdout, failed };
  };
}

/**
 * The object as the typed run sees it: each struct's Go-named fields beside their JSON names (hidden from printing
 * and JSON), the maps and nil slices among its fields marked as such.
 */
function withGoNames(o: unknown, field?: string): unknown {
  if (o === null && field !== undefined && SLICE_FIELDS.has(field)) return Object.defineProperty([], NIL_SLICE, { value: true });
  if (Array.isArray(o)) return o.map((x) => withGoNames(x));
  if (!isObject(o)) return o;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) copy[k] = withGoNames(v, k);
  if (field !== undefined && MAP_FIELDS.has(field)) Object.defineProperty(copy, GO_MAP, { value: true });
  if (looksLikeStruct(copy))
    for (const [go, json] of Object.entries(GO_NAMES))
      if (Object.hasOwn(copy, json) && !Object.hasOwn(copy, go)) Object.defineProperty(copy, go, { value: copy[json], enumerable: false });
  return copy;
}
