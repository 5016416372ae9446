// The az vocabulary against azure-cli's own behaviour: commands that return when
// their long-running operation ends, the output formats knack prints, --query, the
// parser's errors, and billing by power state. Each case names its source.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { formatJson, formatTsv } from '../../src/providers/azure/az-output.js';
import { safeDump } from '../../src/providers/azure/az-yaml.js';
import { closeMatches } from '../../src/providers/azure/py-difflib.js';
import { pyFloatRepr } from '../../src/providers/azure/py-text.js';
import { defaultEstate } from '../default-estate.js';

const estate = () => defaultEstate(1);
const STOP_WARNING = 'WARNING: About to power off the specified VM...\nIt will continue to be billed. To deallocate a VM, run: az vm deallocate.\n';

describe('az commands return when az returns (azure-cli LongRunningOperation / AAZ build_lro_poller; --no-wait: sdk_no_wait)', () => {
  it('az vm create waits for the deployment and prints the VM running (vm/_format.py transform_vm_create_output)', () => {
    const e = estate();
    const before = e.sim.now;
    const r = runLine(e, 'az vm create -g shop-rg -n web-9 --image Ubuntu2404 --size Standard_B2s');
    expect(r.exitCode).toBe(0);
    expect(e.sim.now - before).toBeGreaterThan(45_000); // AZURE_DURATIONS.provision starts at 45 s
    // Recorded az vm create output (2026): no zones key for a VM without zones.
    expect(Object.keys(JSON.parse(r.stdout))).toEqual([
      'fqdns',
      'id',
      'location',
      'macAddress',
      'powerState',
      'privateIpAddress',
      'publicIpAddress',
      'resourceGroup',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ fqdns: '', powerState: 'VM running', resourceGroup: 'shop-rg', location: 'westeurope' });
    expect(JSON.parse(r.stdout).macAddress).toMatch(/^00-0D-3A(-[0-9A-F]{2}){3}$/);
    expect(e.sim.workload('shop-rg/web-9')!.state).toBe('running');
  });

  it('start, stop, deallocate, restart and delete print nothing and return once done; stop warns first (vm/_validators.py process_vm_vmss_stop)', () => {
    const e = estate();
    const stop = runLine(e, 'az vm stop -g shop-rg -n reports');
    expect(stop).toMatchObject({ exitCode: 0, stdout: '', stderr: STOP_WARNING });
    expect(e.sim.workload('shop-rg/reports')!.state).toBe('stopped');
    expect(runLine(e, 'az vm deallocate -g shop-rg -n reports')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(e.sim.workload('shop-rg/reports')!.state).toBe('deallocated');
    expect(runLine(e, 'az vm start -g shop-rg -n reports')).toMatchObject({ exitCode: 0, stdout: '' });
    expect(e.sim.workload('shop-rg/reports')!.state).toBe('running');
    expect(runLine(e, 'az vm restart -g shop-rg -n reports')).toMatchObject({ exitCode: 0, stdout: '' });
    expect(e.sim.workload('shop-rg/reports')!.state).toBe('running');
    expect(runLine(e, 'az vm delete -g shop-rg -n reports --yes')).toMatchObject({ exitCode: 0, stdout: '' });
    expect(e.sim.workload('shop-rg/reports')?.state ?? 'deleted').toBe('deleted');
  });

  it('--no-wait returns at once and prints nothing; the next line sees the operation under way', () => {
    const e = estate();
    const t = e.sim.now;
    expect(runLine(e, 'az vm deallocate -g shop-rg -n reports --no-wait')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(e.sim.now).toBe(t);
    expect(runLine(e, 'az vm list -d -o table').stdout).toMatch(/reports +shop-rg +VM deallocating/);
    expect(runLine(e, 'az vm stop -g shop-rg -n jumpbox --no-wait').stderr).toBe(STOP_WARNING);
  });

  it('az group delete returns once the resources in the group are gone, and prints nothing', () => {
    const e = estate();
    runLine(e, 'az group create -n lab-rg -l westeurope');
    runLine(e, 'az vm create -g lab-rg -n lab-1 --image Ubuntu2404 --size Standard_B1s');
    expect(runLine(e, 'az group delete -n lab-rg --yes')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(e.sim.workload('lab-rg/lab-1')?.state ?? 'deleted').toBe('deleted');
    expect(runLine(e, 'az group exists -n lab-rg').stdout).toBe('false\n');
  });
});

describe('output formats (knack/output.py; azure-cli _output.py)', () => {
  it('json sorts keys at every level, two-space indent, floats as Python writes them (format_json sort_keys=True)', () => {
    expect(formatJson({ b: 1, a: { d: [], c: {} } })).toBe('{\n  "a": {\n    "c": {},\n    "d": []\n  },\n  "b": 1\n}\n');
    expect(pyFloatRepr(0.096)).toBe('0.096');
    expect(pyFloatRepr(1e-5)).toBe('1e-05');
    expect(pyFloatRepr(2.5e16)).toBe('2.5e+16');
    expect(pyFloatRepr(123.0 + 0.5)).toBe('123.5');
  });

  it('yaml is PyYAML safe_dump(default_flow_style=False): output measured from PyYAML 6.0.3', () => {
    const data = {
      name: 'web-1',
      tags: {},
      zones: null,
      sizes: ['yes', '1.0', '12:30', 'y', 'é'],
      note: 'A long line with spaces that PyYAML folds once the column passes eighty characters, like this.',
      '': 'empty key',
      ok: true,
      n: 3,
      f: 0.096,
      list: [{ a: 1, b: [1, 2] }, []],
    };
    expect(safeDump(data)).toBe(
      "? ''\n" +
        ': empty key\n' +
        'f: 0.096\n' +
        'list:\n' +
        '- a: 1\n' +
        '  b:\n' +
        '  - 1\n' +
        '  - 2\n' +
        '- []\n' +
        'n: 3\n' +
        'name: web-1\n' +
        'note: A long line with spaces that PyYAML folds once the column passes eighty characters,\n' +
        '  like this.\n' +
        'ok: true\n' +
        'sizes:\n' +
        "- 'yes'\n" +
        "- '1.0'\n" +
        "- '12:30'\n" +
        '- y\n' +
        '- "\\xE9"\n' +
        'tags: {}\n' +
        'zones: null\n',
    );
    expect(safeDump('web-1')).toBe('web-1\n...\n');
    expect(safeDump([])).toBe('[]\n');
  });

  it('-o yaml prints a VM as az does', () => {
    const r = runLine(estate(), 'az vm show -g shop-rg -n shop-api -o yaml --query "{name:name, size:hardwareProfile.vmSize, tags:tags, zones:zones}"');
    expect(r.stdout).toBe('name: shop-api\nsize: Standard_D2s_v5\ntags: null\nzones: null\n');
  });

  it('tsv: just what the query selected; a list cell is its length, an object cell empty, None "None", a lone boolean lower case (_TsvOutput)', () => {
    const e = estate();
    expect(runLine(e, 'az vm list --query "[].name" -o tsv').stdout).toBe('shop-web-1\nshop-web-2\nshop-api\nreports\njumpbox\n');
    expect(runLine(e, 'az vm show -g shop-rg -n shop-api --query "{n:name, z:zones, t:tags, d:storageProfile.dataDisks}" -o tsv').stdout).toBe(
      'shop-api\tNone\tNone\t0\n',
    );
    expect(formatTsv([true, { a: true }])).toBe('true\nTrue\n');
    expect(runLine(e, 'az group exists -n shop-rg -o tsv').stdout).toBe('true\n');
  });

  it('table: tabulate simple, each column at least its header plus two; a query names the columns (_TableOutput, tabulate MIN_PADDING)', () => {
    const e = estate();
    // Recorded: az vm list -d --output table (Name, ResourceGroup, PowerState, PublicIps, Fqdns, Location; Zones only for VMs with zones).
    const table = runLine(e, 'az vm list -d -o table').stdout.split('\n');
    expect(table[0]).toBe('Name        ResourceGroup    PowerState    PublicIps    Fqdns    Location');
    expect(table[1]).toBe('----------  ---------------  ------------  -----------  -------  ----------');
    expect(runLine(e, 'az vm list --query "[].{VM:name, Size:hardwareProfile.vmSize}" -o table').stdout).toMatch(
      /^VM {10}Size\n---------- {2}---------------\nshop-web-1 {2}Standard_B2s\n/,
    );
    // A scalar result is one "Result" column.
    expect(runLine(e, 'az vm show -g shop-rg -n shop-api --query name -o table').stdout).toBe('Result\n--------\nshop-api\n');
    // az vm get-instance-view's table transformer.
    expect(runLine(e, 'az vm get-instance-view -g shop-rg -n shop-api -o table').stdout).toBe(
      'Name      ResourceGroup    Location    ProvisioningState    PowerState\n' +
        '--------  ---------------  ----------  -------------------  ------------\n' +
        'shop-api  shop-rg          westeurope  Succeeded            VM running\n',
    );
    expect(runLine(e, 'az group list -o table').stdout).toBe('Name     Location    Status\n-------  ----------  ---------\nshop-rg  westeurope  Succeeded\n');
  });

  it('-o none prints nothing, jsonc is json off a terminal (get_formatter), -o is case-insensitive (type=str.lower)', () => {
    const e = estate();
    expect(runLine(e, 'az vm list -o none').stdout).toBe('');
    expect(runLine(e, 'az vm list -o jsonc').stdout).toBe(runLine(e, 'az vm list').stdout);
    expect(runLine(e, 'az vm list -o TABLE').exitCode).toBe(0);
  });
});

describe('--query (knack/query.py with a JMESPath library)', () => {
  it('filters, projects and calls functions', () => {
    const e = estate();
    expect(runLine(e, 'az vm list --query "length([?hardwareProfile.vmSize==\'Standard_B2s\'])"').stdout).toBe('2\n');
    expect(runLine(e, 'az vm list --query "sort_by([], &name)[0].name" -o tsv').stdout).toBe('jumpbox\n');
    expect(runLine(e, 'az vm list --query "[?name==\'nobody\']"').stdout).toBe('[]\n');
  });

  it('a query that does not parse: argparse\'s "invalid jmespath_type value" and the query reference, exit 2 (AzCliCommandParser.error)', () => {
    const r = runLine(estate(), 'az vm list --query "[].{name:name, rg:resourceGroup"');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      "ERROR: argument --query: invalid jmespath_type value: '[].{name:name, rg:resourceGroup'\nTo learn more about --query, please visit: 'https://learn.microsoft.com/cli/azure/query-azure-cli'\n",
    );
    expect(runLine(estate(), 'az vm list --query "[?name==\'x\'"').stderr).toMatch(/^ERROR: argument --query: invalid jmespath_type value: "\[\?name=='x'"\n/);
  });

  it('a query that fails while running: "Invalid jmespath query supplied", exit 1 (util.py handle_exception)', () => {
    const r = runLine(estate(), 'az vm list --query "length(@, @)"');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'ERROR: Invalid jmespath query supplied for `--query`: Expected 1 argument for function length(), received 2\n' +
        "To learn more about --query, please visit: 'https://learn.microsoft.com/cli/azure/query-azure-cli'\n",
    );
  });
});

describe('errors read as az prints them (azure-cli parser.py, commands/arm.py, azclierror.py, knack/commands.py)', () => {
  it('a missing required argument of a create command: argparse, then the examples block, exit 2', () => {
    const r = runLine(estate(), 'az vm create --image Ubuntu2404');
    expect(r.exitCode).toBe(2);
    // Recorded (Cloud Shell, 2026): the same error and these three examples.
    expect(r.stderr).toBe(
      'ERROR: the following arguments are required: --name/-n, --resource-group/-g\n\n' +
        "Examples from command's help:\n" +
        'az vm create -n MyVm -g MyResourceGroup --image Ubuntu2204\n' +
        'Create a default Ubuntu2204 VM with automatic SSH authentication.\n\n' +
        'az vm create -n MyVm -g MyResourceGroup --image RedHat:RHEL:7-RAW:7.4.2018010506\n' +
        'Create a default RedHat VM with automatic SSH authentication using an image URN.\n\n' +
        'az vm create -g MyResourceGroup -n MyVm --image MyImage\n' +
        'Create a VM from a custom managed image.\n\n' +
        'https://aka.ms/cli_ref\n' +
        'Read more about the command in reference docs\n',
    );
    expect(runLine(estate(), 'az group create -n lab').stderr).toMatch(/^ERROR: the following arguments are required: --location\/-l\n/);
  });

  it('a missing resource-ID argument: "(... | --ids) are required", exit 1 (arm.py parse_ids_arguments; recorded for az vm show)', () => {
    expect(runLine(estate(), 'az vm show -n shop-api -d -o table')).toMatchObject({ exitCode: 1, stderr: 'ERROR: (--resource-group | --ids) are required\n' });
    expect(runLine(estate(), 'az vm start').stderr).toBe('ERROR: (--resource-group -n | --ids) are required\n');
  });

  it("unrecognized arguments: argparse's message and the reference link only (recorded: az vm create ... --subnet-name SUB1)", () => {
    const r = runLine(estate(), 'az vm start -g shop-rg -n reports --force');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('ERROR: unrecognized arguments: --force\n\nhttps://aka.ms/cli_ref\nRead more about the command in reference docs\n');
  });

  it("other argument errors rank the command's help examples by the options typed (command_recommender.py sort_recommendations)", () => {
    const r = runLine(estate(), 'az vm start -g shop-rg -n reports -o');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'ERROR: argument --output/-o: expected one argument\n\n' +
        "Examples from command's help:\n" +
        'az vm start -g MyResourceGroup -n MyVm\n' +
        'Start a stopped VM.\n\n' +
        'az vm start --name MyVm --no-wait --resource-group MyResourceGroup\n' +
        'Start a stopped VM.\n\n' +
        'az vm start --ids $(az vm list -g MyResourceGroup --query "[].id" -o tsv)\n' +
        'Start all VMs in a resource group.\n\n' +
        'https://aka.ms/cli_ref\n' +
        'Read more about the command in reference docs\n',
    );
  });

  it('an unknown command: misspelled, and the closest one (difflib cutoff 0.7)', () => {
    const r = runLine(estate(), 'az vmx list');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^ERROR: 'vmx' is misspelled or not recognized by the system\.\nDid you mean 'vm' \?\n\nhttps:\/\/aka\.ms\/cli_ref\n/);
    expect(runLine(estate(), 'az vm strat -g shop-rg -n reports').stderr).toMatch(
      /^ERROR: 'strat' is misspelled or not recognized by the system\.\nDid you mean 'start' \?\n\nExamples from command's help:\naz vm start -g MyResourceGroup -n MyVm\n/,
    );
    // As Python's difflib.get_close_matches answers them.
    expect(closeMatches('yaml2', ['json', 'jsonc', 'yaml', 'yamlc', 'table', 'tsv', 'none'], 0.7)).toEqual(['yaml', 'yamlc']);
    expect(closeMatches('tvs', ['json', 'jsonc', 'yaml', 'yamlc', 'table', 'tsv', 'none'], 0.7)).toEqual([]);
  });

  it('a value outside the choices: "is not a valid value ... Allowed values" (recorded az vm show -o tvs)', () => {
    const r = runLine(estate(), 'az vm show -g shop-rg -n shop-api -o tvs');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /^ERROR: az vm show: 'tvs' is not a valid value for '--output'\. Allowed values: json, jsonc, yaml, yamlc, table, tsv, none\.\n\nhttps:\/\/aka\.ms\/cli_ref\n/,
    );
    expect(runLine(estate(), 'az vm list -o yaml2').stderr).toMatch(/\.\nDid you mean 'yaml' \?\n\nhttps:/);
  });

  it('a missing VM or group: the ARM error as azure-core prints it, exit 3 (ResourceNotFoundError)', () => {
    const vm = runLine(estate(), 'az vm show -g shop-rg -n ghost');
    expect(vm.exitCode).toBe(3);
    expect(vm.stderr).toBe(
      "ERROR: (ResourceNotFound) The Resource 'Microsoft.Compute/virtualMachines/ghost' under resource group 'shop-rg' was not found. " +
        'For more details please go to https://aka.ms/ARMResourceNotFoundFix\n' +
        'Code: ResourceNotFound\n' +
        "Message: The Resource 'Microsoft.Compute/virtualMachines/ghost' under resource group 'shop-rg' was not found. " +
        'For more details please go to https://aka.ms/ARMResourceNotFoundFix\n',
    );
    expect(runLine(estate(), 'az group delete -n ytarglab2 --yes')).toMatchObject({
      exitCode: 3,
      stderr:
        "ERROR: (ResourceGroupNotFound) Resource group 'ytarglab2' could not be found.\nCode: ResourceGroupNotFound\nMessage: Resource group 'ytarglab2' could not be found.\n",
    });
  });

  it('a command that asks for confirmation cannot without a terminal: cancelled unless --yes (knack commands.py _user_confirmed)', () => {
    expect(runLine(estate(), 'az vm delete -g shop-rg -n jumpbox')).toMatchObject({
      exitCode: 1,
      stderr: 'WARNING: Unable to prompt for confirmation as no tty available. Use --yes.\nERROR: Operation cancelled.\n',
    });
  });

  it('long options may be shortened to a unique prefix (argparse allow_abbrev)', () => {
    expect(runLine(estate(), 'az vm list --resource shop-rg --query "[0].name" -o tsv').stdout).toBe('shop-web-1\n');
  });

  it('az vm list-sizes is deprecated for az vm list-skus (knack deprecation message)', () => {
    expect(runLine(estate(), 'az vm list-sizes -l westeurope -o none').stderr).toBe(
      "This command has been deprecated and will be removed in a future release. Use 'az vm list-skus' instead.\n",
    );
  });
});

describe('billing by power state (Microsoft Learn: States and billing status of Azure Virtual Machines)', () => {
  it('nothing is billed while a VM is deallocating; stopping is billed', () => {
    const e = estate();
    const azure = e.providers.all().find((p) => p.platform === 'azure')! as unknown as { cost(id: string): { soFar: number; perHour: number } };
    runLine(e, 'az vm deallocate -g shop-rg -n reports --no-wait');
    expect(e.sim.workload('shop-rg/reports')!.state).toBe('stopping');
    expect(azure.cost('shop-rg/reports').perHour).toBe(0);
    const before = azure.cost('shop-rg/reports').soFar;
    e.sim.advance(20_000); // AZURE_DURATIONS.deallocate is 30-90 s: still deallocating
    expect(e.sim.workload('shop-rg/reports')!.state).toBe('stopping');
    expect(azure.cost('shop-rg/reports').soFar).toBe(before);
    runLine(e, 'az vm stop -g shop-rg -n jumpbox --no-wait');
    expect(e.sim.workload('shop-rg/jumpbox')!.state).toBe('stopping');
    expect(azure.cost('shop-rg/jumpbox').perHour).toBeGreaterThan(0);
  });
});
