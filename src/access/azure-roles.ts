// Azure's built-in roles the simulation knows, as their definitions are
// published (MicrosoftDocs azure-docs articles/role-based-access-control/
// built-in-roles: privileged.md for Owner, Contributor and User Access
// Administrator; general.md for Reader; compute.md, 2025-09-03, for Virtual
// Machine Contributor). Role definition ids are the same in every tenant
// ("Built-in roles have the same role ID across clouds", role-definitions.md).

export interface AzureRole {
  readonly roleName: string;
  /** The role definition's GUID. */
  readonly name: string;
  readonly description: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
}

export const AZURE_ROLES: readonly AzureRole[] = [
  {
    roleName: 'Owner',
    name: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    description: 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: [],
  },
  {
    roleName: 'Contributor',
    name: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
      'Microsoft.Purview/consents/write',
      'Microsoft.Purview/consents/delete',
      'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
      'Microsoft.Subscription/cancel/action',
      'Microsoft.Subscription/enable/action',
    ],
  },
  {
    roleName: 'Reader',
    name: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    description: 'View all resources, but does not allow you to make any changes.',
    actions: ['*/read'],
    notActions: [],
  },
  {
    roleName: 'User Access Administrator',
    name: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    description: 'Lets you manage user access to Azure resources.',
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
    notActions: [],
  },
  {
    roleName: 'Virtual Machine Contributor',
    name: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
    description: "Lets you manage virtual machines, but not access to them, and not the virtual network or storage account they're connected to.",
    actions: [
      'Microsoft.Authorization/*/read',
      'Microsoft.Compute/availabilitySets/*',
      'Microsoft.Compute/locations/*',
      'Microsoft.Compute/virtualMachines/*',
      'Microsoft.Compute/virtualMachineScaleSets/*',
      'Microsoft.Compute/cloudServices/*',
      'Microsoft.Compute/disks/write',
      'Microsoft.Compute/disks/read',
      'Microsoft.Compute/disks/delete',
      'Microsoft.Compute/hostgroups/write',
      'Microsoft.Compute/hostgroups/hosts/write',
      'Microsoft.DevTestLab/schedules/*',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Network/applicationGateways/backendAddressPools/join/action',
      'Microsoft.Network/loadBalancers/backendAddressPools/join/action',
      'Microsoft.Network/loadBalancers/inboundNatPools/join/action',
      'Microsoft.Network/loadBalancers/inboundNatRules/join/action',
      'Microsoft.Network/loadBalancers/probes/join/action',
      'Microsoft.Network/loadBalancers/read',
      'Microsoft.Network/locations/*',
      'Microsoft.Network/networkInterfaces/*',
      'Microsoft.Network/networkSecurityGroups/join/action',
      'Microsoft.Network/networkSecurityGroups/read',
      'Microsoft.Network/publicIPAddresses/join/action',
      'Microsoft.Network/publicIPAddresses/read',
      'Microsoft.Network/virtualNetworks/read',
      'Microsoft.Network/virtualNetworks/subnets/join/action',
      'Microsoft.RecoveryServices/locations/*',
      'Microsoft.RecoveryServices/Vaults/backupFabrics/backupProtectionIntent/write',
      'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/*/read',
      'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read',
      'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/write',
      'Microsoft.RecoveryServices/Vaults/backupPolicies/read',
      'Microsoft.RecoveryServices/Vaults/backupPolicies/write',
      'Microsoft.RecoveryServices/Vaults/read',
      'Microsoft.RecoveryServices/Vaults/usages/read',
      'Microsoft.RecoveryServices/Vaults/write',
      'Microsoft.ResourceHealth/availabilityStatuses/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.SerialConsole/serialPorts/connect/action',
      'Microsoft.SqlVirtualMachine/*',
      'Microsoft.Storage/storageAccounts/listKeys/action',
      'Microsoft.Storage/storageAccounts/read',
      'Microsoft.Support/*',
    ],
    notActions: [],
  },
];

/** A built-in role by its name (or GUID), as az's --role takes it: names match whatever their case. */
export function azureRole(nameOrId: string): AzureRole | undefined {
  const want = nameOrId.toLowerCase().replace(/^.*\/roledefinitions\//, '');
  return AZURE_ROLES.find((r) => r.roleName.toLowerCase() === want || r.name === want);
}
