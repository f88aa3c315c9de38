// Every deployment file parses, and the Dockerfile has the shape the issue asks for.
// (docker build itself runs only where a Docker engine exists: npm run check:deploy.)
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';
import { filesUnder, hclFile, read } from './tools.js';

describe('YAML files parse', () => {
  const files = [
    'docker-compose.yml',
    'cloudbuild.yaml',
    ...filesUnder('helm/meridian', /\.yaml$/).filter((f) => !f.includes('/templates/')),
  ];
  it.each(files)('%s', (file) => {
    const docs = parseAllDocuments(read(file));
    expect(docs.flatMap((d) => d.errors.map((e) => e.message))).toEqual([]);
    expect(docs.length).toBeGreaterThan(0);
  });
});

describe('Terraform files parse (HCL)', () => {
  const files = filesUnder('terraform', /\.(tf|tfvars|hcl)$/);
  it('there are some', () => expect(files.length).toBeGreaterThan(10));
  it.each(files)('%s', async (file) => {
    await expect(hclFile(file)).resolves.toBeDefined();
  });
});

describe('Dockerfile', () => {
  const dockerfile = DockerfileParser.parse(read('Dockerfile'));
  const instructions = dockerfile.getInstructions();
  const stages = new Map<string, { keyword: string; args: string }[]>();
  let current = '';
  for (const i of instructions) {
    if (i.getKeyword() === 'FROM') {
      const args = i.getArguments().map((a) => a.getValue());
      current = args[2] ?? args[0]!;
      stages.set(current, []);
    }
    stages.get(current)?.push({ keyword: i.getKeyword(), args: i.getTextContent().replace(/^\s*\w+\s+/, '') });
  }
  const stage = (name: string) => stages.get(name) ?? [];
  const first = (name: string, keyword: string) => stage(name).find((i) => i.keyword === keyword);

  it('parses without syntax problems', () => {
    expect(instructions.length).toBeGreaterThan(20);
    expect(instructions.every((i) => i.getKeyword() === i.getKeyword().toUpperCase())).toBe(true);
  });

  it('every stage starts from node:24-slim (directly or through an earlier stage)', () => {
    expect(read('Dockerfile')).toMatch(/^ARG NODE_IMAGE=node:24-slim$/m);
    const base = (name: string): string => {
      const from = stage(name)[0]!.args.split(/\s+/)[0]!;
      return stages.has(from) ? base(from) : from;
    };
    for (const name of stages.keys()) expect({ name, base: base(name) }).toEqual({ name, base: '${NODE_IMAGE}' });
    expect([...stages.keys()]).toEqual(expect.arrayContaining(['build', 'service-deps', 'service', 'web']));
  });

  it.each(['service', 'web'])('the %s image: non-root, HEALTHCHECK, production dependencies only, exec-form CMD', (name) => {
    expect(first(name, 'USER')?.args).toBe('1000:1000');
    expect(first(name, 'HEALTHCHECK')?.args).toMatch(/CMD \["node"/);
    expect(first(name, 'CMD')?.args).toMatch(/^\["node", /);
    expect(first(name, 'ENV')?.args).toContain('NODE_ENV=production');
    expect(
      stage(name)
        .filter((i) => i.keyword === 'COPY')
        .map((i) => i.args)
        .join('\n'),
    ).not.toMatch(/--from=build \/src\/node_modules (\.|node_modules)$/m);
  });

  it('service images install with --omit=dev and build-arg SERVICE', () => {
    expect(first('service-deps', 'RUN')?.args).toContain('npm install --omit=dev --workspace "services/${SERVICE}" --ignore-scripts');
    expect(first('service', 'ARG')?.args).toBe('SERVICE');
  });

  it('the web image copies http-proxy-3 with its whole production dependency closure from the lockfile', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dependencies?: Record<string, string> }> };
    const closure = new Set<string>();
    const visit = (name: string) => {
      if (closure.has(name)) return;
      closure.add(name);
      for (const dep of Object.keys(lock.packages[`node_modules/${name}`]?.dependencies ?? {})) visit(dep);
    };
    visit('http-proxy-3');
    const copied = stage('web')
      .filter((i) => i.keyword === 'COPY')
      .map((i) => /^--from=build \/src\/node_modules\/(\S+) /.exec(i.args)?.[1])
      .filter(Boolean);
    expect(copied.sort()).toEqual([...closure].sort());
  });

  it('.dockerignore keeps host builds, dependencies and local data out of the context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const p of ['**/node_modules', '**/dist', '**/.meridian', '.git', '.env']) expect(ignored).toContain(p);
  });
});
