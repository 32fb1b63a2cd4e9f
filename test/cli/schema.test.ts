import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { planJsonSchemaText, PLAN_SCHEMA_ID } from '../../src/core/plan-json-schema.js';

const COMMITTED = 'schema/plan.schema.json';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'roadmap-schema-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A real JSON Schema 2020-12 validator, with the one format the plan uses. */
function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  return ajv.compile(JSON.parse(readFileSync(COMMITTED, 'utf8')));
}

const readYaml = (file: string): unknown => parse(readFileSync(file, 'utf8'), { version: '1.2', schema: 'core' });

describe('roadmap schema', () => {
  it('prints draft 2020-12 JSON Schema with an id, a title and a description', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: PLAN_SCHEMA_ID,
      title: 'roadmap plan (format version 1)',
      type: 'object',
      additionalProperties: false,
    });
    expect(schema.description).toContain('roadmap validate');
    // io: 'input': what authors write, so fields with defaults are optional.
    expect(schema.required).toEqual(['version', 'project', 'title', 'start', 'scoring', 'components']);
    expect(schema.properties.components.items.properties.depends_on.description).toBe('Ids of components that must finish first.');
  });

  it('the committed schema/plan.schema.json is up to date (regenerate: roadmap schema --out schema/plan.schema.json)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(planJsonSchemaText());
  });

  it('every example plan is valid against it, and points editors at it', () => {
    const validate = validator();
    const plans = readdirSync('plans').filter((f) => f.endsWith('.yaml'));
    expect(plans.length).toBeGreaterThan(0);
    for (const name of plans) {
      const file = path.join('plans', name);
      expect(validate(readYaml(file)), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/plan.schema.json');
    }
  });

  it('rejects what the loader rejects for shape: unknown keys, wrong types, bad comparators', () => {
    const validate = validator();
    for (const name of ['unknown-key.yaml', 'wrong-type.yaml', 'bad-comparator.yaml', 'impossible-date.yaml']) {
      expect(validate(readYaml(path.join('plans/invalid', name))), name).toBe(false);
    }
  });

  it('--out writes the file', async () => {
    const r = await runCli(['schema', '--out', 'plan.schema.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('wrote plan.schema.json\n');
    expect(readFileSync(path.join(dir, 'plan.schema.json'), 'utf8')).toBe(planJsonSchemaText());
    const again = await runCli(['schema', '--out', 'plan.schema.json'], { cwd: dir });
    expect(again.code).toBe(0);
  });

  it('--out refuses to overwrite a file that is not a plan schema (a plan, say)', async () => {
    const plan = path.join(dir, 'roadmap.yaml');
    writeFileSync(plan, 'version: 1\n');
    const r = await runCli(['schema', '--out', 'roadmap.yaml'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('io-would-overwrite');
    expect(readFileSync(plan, 'utf8')).toBe('version: 1\n');
  });

  it('--out into a missing directory is a file error', async () => {
    const r = await runCli(['schema', '--out', 'no/such/dir/schema.json'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error io-/);
  });

  it('takes no positional arguments', async () => {
    const r = await runCli(['schema', 'plans/codon-migration.yaml']);
    expect(r.code).toBe(2);
  });
});
