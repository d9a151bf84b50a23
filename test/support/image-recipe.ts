import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';

const ROOT = resolve(import.meta.dirname, '../..');
export const DOCKERFILE = resolve(ROOT, 'deploy/Dockerfile');

export interface Stage {
  name: string | null;
  /** The base image with the Dockerfile's ARG defaults substituted (`node:22.23.3-trixie-slim`). */
  image: string;
  instructions: Instruction[];
}

/** deploy/Dockerfile as the tests read it: its stages and what the runtime stage runs. */
export interface ImageRecipe {
  text: string;
  dockerfile: Dockerfile;
  /** Build-time ARG defaults declared before the first FROM. */
  args: Record<string, string>;
  stages: Stage[];
  /** The commands of the build stage's RUN instructions, in order, with ARG defaults substituted. */
  buildCommands: string[];
  /** Where the build stage's `pnpm deploy` writes the runtime tree (the runtime stage copies it). */
  deployDir: string;
  runtime: {
    env: Record<string, string>;
    workdir: string;
    user: string | null;
    entrypoint: string[];
    cmd: string[];
    healthcheck: { command: string[]; flags: Record<string, string> } | null;
  };
}

function jsonArray(instruction: Instruction | undefined): string[] {
  if (!instruction) return [];
  const content = instruction.getArgumentsContent() ?? '';
  const parsed: unknown = JSON.parse(content);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`${instruction.getKeyword()} is not in exec (JSON) form`);
  return parsed;
}

const substitute = (text: string, args: Record<string, string>) => text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a, b) => args[a ?? b] ?? whole);

export function readImageRecipe(text = readFileSync(DOCKERFILE, 'utf8')): ImageRecipe {
  const dockerfile = DockerfileParser.parse(text);
  const args = Object.fromEntries(
    dockerfile.getInitialARGs().flatMap((arg) => {
      const property = arg.getProperty();
      return property?.getName() ? [[property.getName(), property.getValue() ?? '']] : [];
    }),
  );
  const froms = dockerfile.getFROMs();
  const instructions = dockerfile.getInstructions();
  const stages: Stage[] = froms.map((from, index) => {
    const start = from.getRange().start.line;
    const end = froms[index + 1]?.getRange().start.line ?? Number.POSITIVE_INFINITY;
    return {
      name: from.getBuildStage(),
      image: substitute(from.getImage() ?? '', args),
      instructions: instructions.filter((instruction) => instruction.getRange().start.line > start && instruction.getRange().start.line < end),
    };
  });
  // A recipe without these is read as far as it goes: the tests say what is missing.
  const runtime = stages.at(-1) ?? { name: null, image: '', instructions: [] };
  const build = stages.find((stage) => stage.name === 'build' && stage !== runtime) ?? { name: 'build', image: '', instructions: [] };
  const stageArgs = (stage: Stage) => ({
    ...args,
    ...Object.fromEntries(
      stage.instructions.filter((i) => i.getKeyword() === 'ARG').map((i) => (i.getArgumentsContent() ?? '').split('=', 2) as [string, string]),
    ),
  });
  const buildCommands = build.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => substitute(i.getArgumentsContent() ?? '', stageArgs(build)));
  const deploy = buildCommands.find((command) => command.startsWith('pnpm deploy '));
  const of = (keyword: string) => runtime.instructions.filter((i) => i.getKeyword() === keyword);
  const env: Record<string, string> = {};
  for (const instruction of of('ENV')) {
    for (const property of (instruction as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties()) {
      env[property.getName()] = property.getValue() ?? '';
    }
  }
  const healthcheck = of('HEALTHCHECK').at(-1) as
    | (Instruction & { getFlags(): { getName(): string; getValue(): string | null }[] })
    | undefined;
  return {
    text,
    dockerfile,
    args,
    stages,
    buildCommands,
    deployDir: deploy?.split(/\s+/).at(-1) ?? '',
    runtime: {
      env,
      workdir: of('WORKDIR').at(-1)?.getArgumentsContent() ?? '/',
      user: of('USER').at(-1)?.getArgumentsContent() ?? null,
      entrypoint: jsonArray(of('ENTRYPOINT').at(-1)),
      cmd: jsonArray(of('CMD').at(-1)),
      healthcheck: healthcheck
        ? {
            command: JSON.parse((healthcheck.getArgumentsContent() ?? '').replace(/^.*?CMD\s+/s, '')) as string[],
            flags: Object.fromEntries(healthcheck.getFlags().map((flag) => [flag.getName(), flag.getValue() ?? ''])),
          }
        : null,
    },
  };
}
