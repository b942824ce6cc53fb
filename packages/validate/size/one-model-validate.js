// size-limit entry: one model subpath and its validate, as a user's bundler sees them. The global keeps the
// bundler from dropping what the entry uses.
import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';

globalThis.check = (entity) => AirQualityObserved.validate(entity);
