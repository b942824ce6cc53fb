import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  buildRequirementSpec,
  isConformanceError,
  isProfileName,
  type ProfileName,
} from '@smartcitylab/conformance';
import { type Command, choiceOpt, stringOpt } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { EXIT, println } from '../io.js';

/** `smartcity spec`: write a tender's requirement text with the schemas and profiles it cites. */
export const specCommand: Command = {
  name: 'spec',
  summary:
    'Writes the requirement text of a tender (kravspecifikation) citing exact profile and model versions, with the model JSON Schemas and the profile files, into a folder.',
  usage: '--models A,B --out <folder> [--profiles a,b] [--min-score 0.95] [--lang sv|en]',
  options: {
    models: {
      type: 'string',
      value: '<A,B>',
      description: 'Smart Data Models the data must follow.',
    },
    profiles: {
      type: 'string',
      value: '<a,b>',
      description: 'Profiles the API must pass (default every mim1-*).',
    },
    'min-score': {
      type: 'string',
      value: '<0..1>',
      description: 'Least mean quality score per type (default 0.8).',
    },
    lang: { type: 'string', value: '<sv|en>', description: 'Language of the text (default en).' },
    out: {
      type: 'string',
      short: 'o',
      value: '<folder>',
      description: 'Folder to write into (created when missing).',
    },
  },
  examples: [
    'smartcity spec --models WasteContainer,AirQualityObserved --profiles mim1-core,mim1-query --min-score 0.95 --lang sv --out upphandling/',
  ],
  async run(args, io) {
    if (args.positionals.length > 0)
      throw new UsageError(`Unexpected argument "${args.positionals[0]}".`);
    const models = stringOpt(args, 'models')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!models?.length) throw new UsageError('Give --models, e.g. --models WasteContainer.');
    const out = stringOpt(args, 'out');
    if (!out) throw new UsageError('Give --out <folder> to write the specification into.');
    const profiles = stringOpt(args, 'profiles')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const p of profiles ?? [])
      if (!isProfileName(p)) throw new UsageError(`Unknown profile "${p}".`);
    const scoreText = stringOpt(args, 'min-score');
    const minScore = scoreText === undefined ? undefined : Number(scoreText);
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 1))
      throw new UsageError(`--min-score must be a number from 0 to 1, not "${scoreText}".`);
    const lang = choiceOpt(args, 'lang', ['sv', 'en'] as const, 'en');
    let files: Record<string, string>;
    try {
      files = await buildRequirementSpec({
        models,
        lang,
        ...(profiles ? { profiles: profiles as ProfileName[] } : {}),
        ...(minScore !== undefined ? { minScore } : {}),
      });
    } catch (e) {
      if (isConformanceError(e)) throw new CliError(e.message);
      throw e;
    }
    const root = resolve(io.cwd, out);
    for (const [path, text] of Object.entries(files)) {
      const target = join(root, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    }
    println(io.stderr, `wrote ${Object.keys(files).length} files to ${out}`);
    return EXIT.ok;
  },
};
