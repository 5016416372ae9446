// A libvirt network's XML, read as net-define reads it (docs/formatnetwork.rst):
// <name>, an optional <uuid>, <forward mode=...> (a <forward/> with no mode is
// nat; no <forward> at all is an isolated network), <bridge name=...>, and one
// IPv4 <ip address=... netmask=...|prefix=...> with an optional <dhcp><range
// start=... end=.../></dhcp>. Only these elements are read; others are skipped.
import { cidrText, inCidr, ipText, parseIp } from '../../network/ipv4.js';

export interface NetworkXml {
  readonly name: string;
  readonly uuid?: string;
  readonly forward: 'nat' | 'route' | 'bridge' | 'isolated';
  readonly bridge?: string;
  readonly ip?: { readonly cidr: string; readonly gateway: string; readonly dhcp?: readonly [string, string] };
}

/** An element's attributes, of its first occurrence in `text`. */
function attrs(text: string, tag: string): Record<string, string> | undefined {
  const m = new RegExp(`<${tag}(\\s[^>]*)?/?>`).exec(text);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const a of (m[1] ?? '').matchAll(/([\w:-]+)\s*=\s*(?:'([^']*)'|"([^"]*)")/g)) out[a[1]!] = a[2] ?? a[3] ?? '';
  return out;
}

/** The network a definition describes, or the reason it is none, in libvirt's words where its source gives them. */
export function parseNetworkXml(text: string): NetworkXml | string {
  const body = text.replace(/<!--[\s\S]*?-->/g, '').trim();
  if (!/^(<\?xml[^>]*\?>\s*)?<network[\s>]/.test(body) || !/<\/network>\s*$/.test(body))
    // virxml.c virXMLParseHelper: a document whose root is not <network>.
    return "XML error: Expecting root element 'network' and a well-formed document";
  const name = /<name>\s*([^<]*?)\s*<\/name>/.exec(body)?.[1];
  // virNetworkDefParseXML: virReportError(VIR_ERR_NO_NAME, NULL).
  if (!name) return 'missing name information';
  if (name.includes('/')) return `XML error: name ${name} cannot contain '/'`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'XML error: a network name cannot contain control characters';
  const uuid = /<uuid>\s*([^<]*?)\s*<\/uuid>/.exec(body)?.[1];
  if (uuid !== undefined && !/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(uuid)) return `XML error: malformed uuid element`;
  const fwd = attrs(body, 'forward');
  const mode = fwd === undefined ? 'isolated' : (fwd.mode ?? 'nat');
  if (fwd !== undefined && !['nat', 'route', 'bridge'].includes(mode))
    // virNetworkForwardTypeFromString knows more modes (open, private, vepa, passthrough, hostdev) than are simulated.
    return ['open', 'private', 'vepa', 'passthrough', 'hostdev'].includes(mode)
      ? `unsupported configuration: forward mode '${mode}' is not simulated here (nat, route, bridge, or no <forward> for an isolated network)`
      : `XML error: unknown forwarding type '${mode}'`;
  const bridge = attrs(body, 'bridge')?.name;
  const ipAttrs = attrs(body, 'ip');
  if (mode === 'bridge') {
    if (!bridge) return `XML error: network '${name}' has forward mode 'bridge' but no bridge device name`;
    if (ipAttrs) return `unsupported configuration: Unsupported <ip> element in network ${name} with forward mode='bridge'`;
    return { name, ...(uuid ? { uuid } : {}), forward: 'bridge', bridge };
  }
  let ip: NetworkXml['ip'];
  if (ipAttrs) {
    const address = parseIp(ipAttrs.address ?? '');
    if (address === undefined) return `XML error: Invalid address '${ipAttrs.address ?? ''}' in network '${name}'`;
    let bits: number | undefined;
    if (ipAttrs.prefix !== undefined) bits = /^\d+$/.test(ipAttrs.prefix) && Number(ipAttrs.prefix) <= 32 ? Number(ipAttrs.prefix) : undefined;
    else if (ipAttrs.netmask !== undefined) {
      const mask = parseIp(ipAttrs.netmask);
      const ones = mask === undefined ? -1 : mask.toString(2).replace(/^1*/, '').includes('1') ? -1 : Math.clz32(~mask >>> 0);
      bits = ones >= 0 ? ones : undefined;
    } else bits = 24;
    if (bits === undefined || bits < 8 || bits > 30) return `XML error: Invalid netmask or prefix in network '${name}'`;
    const base = (address & (bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0)) >>> 0;
    const block = { base, bits };
    const range = attrs(body, 'range');
    let dhcp: readonly [string, string] | undefined;
    if (range) {
      const start = parseIp(range.start ?? '');
      const end = parseIp(range.end ?? '');
      if (start === undefined || end === undefined || !inCidr(start, block) || !inCidr(end, block) || end < start)
        // virSocketAddrGetRange's refusal of a range outside the network, in its words.
        return `XML error: Invalid dhcp range '${range.start ?? ''}' to '${range.end ?? ''}' in network '${name}'`;
      dhcp = [ipText(start), ipText(end)];
    }
    ip = { cidr: cidrText(block), gateway: ipText(address), ...(dhcp ? { dhcp } : {}) };
  }
  return { name, ...(uuid ? { uuid } : {}), forward: mode as NetworkXml['forward'], ...(bridge ? { bridge } : {}), ...(ip ? { ip } : {}) };
}
