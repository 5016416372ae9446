// The provider names a person recognises in a column.
import type { Platform } from '../../core/model.js';

export const PROVIDER_LABEL: Record<Platform, string> = {
  vmware: 'vSphere',
  hyperv: 'Hyper-V',
  kvm: 'KVM',
  docker: 'Docker',
  azure: 'Azure',
};
