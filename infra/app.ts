import { App, Aspects, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { writeWeb } from './console-build.js';
import { RegionFactsCheck } from './region-facts.js';
import { parseSettings, settingKeys } from './settings.js';
import { BirthRegistrationStack } from './stack.js';

/**
 * The production app: `npx cdk synth` (offline) or `npx cdk deploy`. Settings come from cdk.json's
 * context (override one with `-c key=value`, JSON for lists); cdk-nag's AWS Solutions rules run on
 * every synth, and an unacknowledged finding fails it; so does a feature the region lacks (infra/region-facts.ts).
 */
export function createApp(app = new App()): { app: App; stack: BirthRegistrationStack } {
  const context = Object.fromEntries(
    settingKeys.flatMap((key) => {
      const value: unknown = app.node.tryGetContext(key);
      if (value === undefined) return [];
      // `-c servedRegencies='["35.10","35.09"]'` (or an object, `-c officeContact='{"name":…}'`) arrives as a string;
      // aktaNumberFormat's `{regency}-…` is not JSON.
      return [[key, typeof value === 'string' && /^\s*(\[|\{\s*")/.test(value) ? JSON.parse(value) : value]];
    }),
  );
  const settings = parseSettings(context);
  const stack = new BirthRegistrationStack(app, 'LahirProcotPulangBawaAkte', {
    settings,
    env: { region: settings.region, account: process.env.CDK_DEFAULT_ACCOUNT },
    description: 'Lahir Procot Pulang Bawa Akte: birth notification to NIK, KK, akta and KIA (4-in-1)',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  // What the region lacks or restricts (infra/region-facts.ts): an error fails the synth.
  Aspects.of(app).add(new RegionFactsCheck());
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The console is uploaded from web/dist: build it from the current source first (esbuild, ~1 s).
  await writeWeb();
  createApp().app.synth();
}
