// size-limit entry: what a user's bundler sees for createValidator with one model preloaded. The global keeps the
// bundler from dropping what the entry uses.
import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
import { createValidator } from '../dist/index.js';

globalThis.validator = createValidator({ models: [AirQualityObserved] });
