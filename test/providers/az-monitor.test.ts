// az monitor metrics alert create|list|show|delete (providers/azure/az-monitor.ts):
// a rule as ARM returns it (Microsoft.Insights/metricAlerts: criteria of one
// StaticThresholdCriterion named cond0, windowSize and evaluationFrequency as
// ISO 8601, location global, the CLI's defaults severity 2, 5m, 1m from
// azure-cli metric_alert.py), the --condition usage error of monitor/_actions.py,
// the rule judged by the alarm monitor and kept in the estate file.
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { cliMinutes, isoMinutes } from '../../src/providers/azure/az-monitor.js';
import { defaultEstate } from '../default-estate.js';

const ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop-rg/providers/Microsoft.Compute/virtualMachines/shop-api';

describe('az monitor metrics alert', () => {
  it('reads the CLI’s durations and writes ARM’s', () => {
    expect([cliMinutes('5m'), cliMinutes('1h'), cliMinutes('1h30m'), cliMinutes('90s'), cliMinutes('120s'), cliMinutes('')]).toEqual([
      5,
      60,
      90,
      undefined,
      2,
      undefined,
    ]);
    expect([isoMinutes(1), isoMinutes(5), isoMinutes(60), isoMinutes(90)]).toEqual(['PT1M', 'PT5M', 'PT1H', 'PT1H30M']);
  });

  it('names the VM it watches by the VM’s own id, when the rule lives in another resource group', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'az group create -n ops-rg -l westeurope').exitCode).toBe(0);
    const made = runLine(e, `az monitor metrics alert create -n hot-api -g ops-rg --scopes ${ID} --condition "avg Percentage CPU > 50"`);
    expect(made.exitCode, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({
      scopes: [ID],
      id: expect.stringContaining('/resourceGroups/ops-rg/providers/Microsoft.Insights/metricAlerts/hot-api'),
    });
  });

  it('creates a rule with the CLI’s defaults, fires it on the VM, lists, shows and deletes it', () => {
    const e = defaultEstate(1);
    const made = runLine(e, `az monitor metrics alert create -n hot-api -g shop-rg --scopes ${ID} --condition "avg Percentage CPU > 50"`);
    expect(made.exitCode).toBe(0);
    const rule = JSON.parse(made.stdout);
    expect(rule).toMatchObject({
      name: 'hot-api',
      location: 'global',
      severity: 2,
      windowSize: 'PT5M',
      evaluationFrequency: 'PT1M',
      autoMitigate: true,
      enabled: true,
      scopes: [ID],
      type: 'Microsoft.Insights/metricAlerts',
    });
    expect(rule.criteria.allOf[0]).toMatchObject({
      name: 'cond0',
      metricName: 'Percentage CPU',
      operator: 'GreaterThan',
      threshold: 50,
      timeAggregation: 'Average',
    });
    const api = e.sim.workloadViews().find((w) => w.name === 'shop-api')!.id;
    e.sim.setLoad(api, 0.9);
    e.sim.advance(6 * 60_000);
    expect(runLine(e, 'alarms').stdout).toMatch(/^\d+ +Sev2 Warning +hot-api +shop-api /m);
    expect(JSON.parse(runLine(e, 'az monitor metrics alert list -g shop-rg').stdout).map((r: { name: string }) => r.name)).toEqual(['hot-api']);
    expect(runLine(e, 'az monitor metrics alert show -n hot-api -g shop-rg').exitCode).toBe(0);
    expect(runLine(e, 'az monitor metrics alert delete -n hot-api -g shop-rg').exitCode).toBe(0);
    expect(runLine(e, 'az monitor metrics alert show -n hot-api -g shop-rg').stderr).toMatch(
      /^ERROR: \(ResourceNotFound\) The Resource 'Microsoft.Insights\/metricAlerts\/hot-api'/,
    );
    expect(runLine(e, 'alarms').stdout).not.toMatch(/hot-api/);
  });

  it('says what is wrong with a condition, a scope or a group', () => {
    const e = defaultEstate(1);
    const make = (extra: string) => runLine(e, `az monitor metrics alert create -n x -g shop-rg ${extra}`);
    expect(make(`--scopes ${ID} --condition "avg Percentage CPU"`).stderr).toMatch(
      /^ERROR: usage error: --condition \{avg,min,max,total,count\} \[NAMESPACE\.\]METRIC/,
    );
    expect(make(`--scopes ${ID} --condition "avg Disk Read Bytes > 5"`).stderr).toMatch(
      /^ERROR: hyperpane: rules on Percentage CPU and Available Memory Bytes/,
    );
    expect(make('--scopes /nope --condition "avg Percentage CPU > 5"').stderr).toMatch(/^ERROR: hyperpane: --scopes takes a VM's resource ID/);
    expect(make(`--scopes ${ID} --condition "avg Percentage CPU > 5" --severity 7`).stderr).toMatch(/--severity is 0 \(critical\) to 4/);
    expect(runLine(e, `az monitor metrics alert create -n x -g nope --scopes ${ID} --condition "avg Percentage CPU > 5"`).stderr).toMatch(
      /ResourceGroupNotFound/,
    );
  });

  it('keeps a user’s rules in the estate file', () => {
    const e = defaultEstate(1);
    runLine(e, `az monitor metrics alert create -n low-mem -g shop-rg --scopes ${ID} --condition "min Available Memory Bytes <= 500000000" --severity 1`);
    const copy = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!copy.ok) throw new Error(copy.error.message);
    const shown = JSON.parse(runLine(copy.value, 'az monitor metrics alert show -n low-mem -g shop-rg').stdout);
    expect(shown.criteria.allOf[0]).toMatchObject({ operator: 'LessThanOrEqual', timeAggregation: 'Minimum', threshold: 500000000 });
    expect(shown.severity).toBe(1);
  });
});
