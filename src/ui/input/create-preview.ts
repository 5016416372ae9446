// What creating a workload would do, said before it is done: which host the
// placement would choose (or every reason it cannot), which Docker host, or which
// region, price and quota a cloud VM would take.

import type { Platform } from '../../core/model.js';
import { type Amounts, CPU, formatMiB, MEM } from '../../core/units.js';
import type { Estate } from '../../estate/estate.js';
import { sizeNamed } from '../../providers/azure/defaults.js';
import type { CreateRequest } from '../../providers/provider.js';
import { roomAfter } from '../room.js';

export interface Preview {
  readonly ok: boolean;
  readonly text: string;
}

export function previewCreate(estate: Estate, platform: Platform, request: CreateRequest): Preview {
  const sim = estate.sim;
  if (platform === 'azure') {
    const size = sizeNamed(request.size ?? '');
    if (!size) return { ok: false, text: `Size: no such size ${request.size}` };
    const group = estate.providers.azure.group(request.group ?? '');
    if (!group) return { ok: false, text: `Resource group ${request.group} does not exist (create it with :az group create -n NAME -l REGION)` };
    if (sim.workload(`${group.name}/${request.name}`)) return { ok: false, text: `A VM named ${request.name} already exists in ${group.name}` };
    const total = sim.quota(`${group.location}/total`);
    const family = sim.quota(`${group.location}/${size.family}`);
    const over = [total, family].find((q) => q && q.used + size.vcpus > q.limit);
    if (over) return { ok: false, text: `Quota exceeded: ${over.label}, ${over.used} of ${over.limit} used; needs ${size.vcpus} more` };
    return {
      ok: true,
      text:
        `${size.name} in ${group.location}: ${size.vcpus} vCPU, ${size.memoryGiB} GiB, $${size.pricePerHour.toFixed(4)}/h; ` +
        `quota ${total ? `${total.used + size.vcpus}/${total.limit}` : '-'} regional vCPUs after`,
    };
  }
  if (platform === 'docker') {
    const host = request.host ? sim.host(request.host) : undefined;
    if (!host) return { ok: false, text: `Docker host: ${request.host ? `no host ${request.host}` : 'required'}` };
    if (host.state !== 'connected') return { ok: false, text: `${host.id} is ${host.state}` };
    if (sim.workload(`${host.id}/${request.name}`)) return { ok: false, text: `The container name "/${request.name}" is already in use on ${host.id}` };
    const free = host.capacity.memoryMiB - host.allocated.memoryMiB;
    return { ok: true, text: `on ${host.id}: ${host.workloads} containers there, ${formatMiB(free)} unreserved, CPU ${Math.round(host.cpuPct)}% busy` };
  }
  if (sim.workload(request.name)) return { ok: false, text: `Name: a workload named ${request.name} exists` };
  if (request.template) {
    const t = sim.workload(request.template);
    if (!t) return { ok: false, text: `no template named ${request.template}` };
    return { ok: true, text: `a full clone of ${t.name}: ${t.cpuMilli / 1000} vCPU, ${formatMiB(t.memoryMiB)}, copying ${formatMiB(t.diskMiB)} of disk` };
  }
  if (request.vcpus === undefined || request.memoryMiB === undefined) return { ok: true, text: "placement with the provider's default size" };
  const amounts: Amounts = [request.vcpus * 1000, request.memoryMiB, Math.round((request.diskGiB ?? 40) * 1024)];
  const outcome = sim.place({ platform, amounts, policy: 'spread', hosts: request.host ? [request.host] : undefined, powerOn: true, label: request.name });
  if (!outcome.ok) return { ok: false, text: outcome.message };
  const h = sim.hostRow(outcome.host)!;
  return { ok: true, text: `would go to ${h.id} (score ${outcome.score}): ${roomAfter(h, amounts[CPU], amounts[MEM])}` };
}
