// What each host runs, and what its vendor has released by a date: a fixed,
// dated catalogue per platform, so "behind on patches" is decided the same on
// every run and moves with the simulated calendar (a release dated after the
// clock's day is not out yet). Sources:
//  - ESXi 8.0: Broadcom KB 316595 "Build numbers and versions of VMware ESXi/ESX"
//    (as scraped 2026-08-13): version, release name, release date, build;
//  - Windows Server 2022 (Hyper-V hosts): Microsoft's "Windows Server 2022 update
//    history" (as scraped 2026-06-23): OS build 20348.x, KB, date;
//  - Docker Engine: docs.docker.com release notes 29.md (29.0.0-29.1.4).
// KVM hosts' libvirt and QEMU come from their distribution's archive, whose
// release dates this catalogue lacks: they are not judged.
import type { Platform } from '../../core/model.js';

export interface Release {
  /** What the host reports (an ESXi build number, an OS build, an engine version). */
  readonly build: string;
  readonly name: string;
  /** Release date, ISO (yyyy-mm-dd). */
  readonly released: string;
}

export const RELEASES: Partial<Record<Platform, readonly Release[]>> = {
  vmware: [
    { build: '25595708', name: 'ESXi 8.0 Update 3k', released: '2026-07-29' },
    { build: '25429389', name: 'ESXi 8.0 Update 3j', released: '2026-05-27' },
    { build: '25205845', name: 'ESXi 8.0 Update 3i', released: '2026-02-24' },
    { build: '25067014', name: 'ESXi 8.0 Update 3h', released: '2025-12-15' },
    { build: '24859861', name: 'ESXi 8.0 Update 3g', released: '2025-07-29' },
    { build: '24784735', name: 'ESXi 8.0 Update 3f', released: '2025-07-15' },
    { build: '24674464', name: 'ESXi 8.0 Update 3e', released: '2025-04-10' },
    { build: '24585383', name: 'ESXi 8.0 Update 3d', released: '2025-03-04' },
    { build: '24414501', name: 'ESXi 8.0 Update 3c', released: '2024-12-12' },
    { build: '24280767', name: 'ESXi 8.0 Update 3b', released: '2024-09-17' },
    { build: '24022510', name: 'ESXi 8.0 Update 3', released: '2024-06-25' },
  ],
  hyperv: [
    { build: '20348.5256', name: 'KB5094128', released: '2026-06-09' },
    { build: '20348.5139', name: 'KB5087545', released: '2026-05-12' },
    { build: '20348.5020', name: 'KB5082142', released: '2026-04-14' },
    { build: '20348.4893', name: 'KB5078766', released: '2026-03-10' },
    { build: '20348.4773', name: 'KB5075906', released: '2026-02-10' },
    { build: '20348.4648', name: 'KB5073457', released: '2026-01-13' },
    { build: '20348.4529', name: 'KB5071547', released: '2025-12-09' },
    { build: '20348.4405', name: 'KB5068787', released: '2025-11-11' },
    { build: '20348.4294', name: 'KB5066782', released: '2025-10-14' },
    { build: '20348.3932', name: 'KB5062572', released: '2025-07-08' },
    { build: '20348.3091', name: 'KB5049983', released: '2025-01-14' },
  ],
  docker: [
    { build: '29.1.4', name: 'Docker Engine 29.1.4', released: '2026-01-08' },
    { build: '29.1.3', name: 'Docker Engine 29.1.3', released: '2025-12-12' },
    { build: '29.1.2', name: 'Docker Engine 29.1.2', released: '2025-12-02' },
    { build: '29.1.1', name: 'Docker Engine 29.1.1', released: '2025-11-28' },
    { build: '29.0.0', name: 'Docker Engine 29.0.0', released: '2025-11-10' },
  ],
};

/** The newest release out by a day (ISO date), if any. */
export function latestBy(platform: Platform, day: string): Release | undefined {
  return RELEASES[platform]?.find((r) => r.released <= day);
}

export function release(platform: Platform, build: string): Release | undefined {
  return RELEASES[platform]?.find((r) => r.build === build);
}

/** What a host runs when nothing says otherwise: the release its platform's catalogue had out on the simulation's first day (2026-01-01), or, for Docker, the engine the simulation answers as. */
export const DEFAULT_BUILD: Partial<Record<Platform, string>> = { vmware: '25067014', hyperv: '20348.4529', docker: '29.0.0' };
