import { isModelType, listModels, loadModel, loadModelSchemas } from '@smartcitylab/models';
import { type Command, flag } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { EXIT, println } from '../io.js';
import { renderTable } from '../table.js';

/** `smartcity models`: list the Smart Data Models, show one, or print its JSON Schema. */
export const modelsCommand: Command = {
  name: 'models',
  summary:
    'Lists the shipped Smart Data Models, shows the attributes and units of one, or prints its versioned JSON Schema for a procurement document.',
  usage: '<list | show <Type> | schema <Type>> [--json]',
  options: { json: { type: 'boolean', description: 'Print JSON instead of a table.' } },
  examples: [
    'smartcity models list',
    'smartcity models show AirQualityObserved',
    'smartcity models schema WasteContainer > waste-container.schema.json',
  ],
  async run(args, io) {
    const [action, type] = args.positionals;
    if (action === 'list' || action === undefined) {
      const models = listModels();
      if (flag(args, 'json')) println(io.stdout, JSON.stringify(models, null, 2));
      else
        println(
          io.stdout,
          renderTable(
            ['type', 'domain', 'subpath', 'schema version'],
            models.map((m) => [m.type, m.domain, m.subpath, m.schemaVersion]),
          ),
        );
      return EXIT.ok;
    }
    if (action !== 'show' && action !== 'schema') {
      throw new UsageError(`Unknown action "${action}": use list, show <Type> or schema <Type>.`);
    }
    if (type === undefined)
      throw new UsageError(`"models ${action}" needs a model type, e.g. AirQualityObserved.`);
    if (!isModelType(type)) {
      const near = listModels()
        .map((m) => m.type)
        .filter((t) => t.toLowerCase().includes(type.toLowerCase().slice(0, 5)));
      throw new CliError(
        `Unknown model "${type}".${near.length ? ` Did you mean ${near.join(', ')}?` : ''} Run "smartcity models list".`,
      );
    }
    if (action === 'schema') {
      const schemas = await loadModelSchemas(type);
      println(io.stdout, JSON.stringify(schemas.jsonSchema(), null, 2));
      return EXIT.ok;
    }
    const model = await loadModel(type);
    const md = model.metadata;
    if (flag(args, 'json')) {
      println(io.stdout, JSON.stringify(md, null, 2));
      return EXIT.ok;
    }
    println(io.stdout, `${md.type} (${md.domain}, schema ${md.schemaVersion})`);
    println(
      io.stdout,
      renderTable(
        ['attribute', 'kind', 'type', 'required', 'unit', 'range / values'],
        md.attributes.map((a) => [
          a.name,
          a.kind,
          a.type,
          a.required ? 'yes' : '',
          a.unit ?? '',
          a.enum
            ? a.enum.join(' | ')
            : a.minimum !== undefined || a.maximum !== undefined
              ? `${a.minimum ?? ''}..${a.maximum ?? ''}`
              : '',
        ]),
      ),
    );
    return EXIT.ok;
  },
};
