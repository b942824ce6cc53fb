import type { CatalogDescription } from '@smartcitylab/catalog';

/** A catalogue a municipality would write: a broker, an OGC API Features endpoint, two datasets. */
export const SAMPLE: CatalogDescription = {
  uri: 'https://data.sundsvall.example/catalog',
  title: { sv: 'Sundsvalls sensordata', en: 'Sundsvall sensor data' },
  description: {
    sv: 'Öppna data från kommunens sensorer.',
    en: 'Open data from the municipal sensors.',
  },
  publisher: {
    name: { sv: 'Sundsvalls kommun', en: 'Sundsvall Municipality' },
    organisationNumber: '212000-2411',
  },
  contactPoint: {
    name: 'Öppna data',
    email: 'oppnadata@sundsvall.example',
    telephone: '+46 60 19 10 00',
  },
  municipality: { name: 'Sundsvall', code: '2281' },
  homepage: 'https://sundsvall.example',
  issued: '2026-11-25',
  services: [
    {
      id: 'broker',
      kind: 'ngsi-ld',
      title: { sv: 'NGSI-LD-kontextmäklare', en: 'NGSI-LD context broker' },
      endpoint: 'https://broker.sundsvall.example/ngsi-ld/v1',
    },
    {
      id: 'features',
      kind: 'ogc-api-features',
      title: { sv: 'OGC API Features', en: 'OGC API Features' },
      endpoint: 'https://geo.sundsvall.example/features',
    },
  ],
  datasets: [
    {
      id: 'luftkvalitet',
      title: { sv: 'Luftkvalitet', en: 'Air quality' },
      description: {
        sv: 'Timvärden av NO2 och partiklar.',
        en: 'Hourly NO2 and particulate matter.',
      },
      keywords: { sv: ['luft', 'NO2'], en: ['air', 'NO2'] },
      themes: ['ENVI', 'HEAL'],
      temporal: { start: '2026-01-01' },
      model: 'AirQualityObserved',
      conformsTo: [
        { uri: 'https://www.digg.se/mim', title: 'Minimal Interoperability Mechanisms (MIMs)' },
      ],
      frequency: 'hourly',
      services: ['broker', 'features'],
      distributions: [
        { format: 'ndjson', url: 'https://data.sundsvall.example/air.ndjson' },
        { format: 'geojson', url: 'https://data.sundsvall.example/air.geojson' },
        { format: 'csv', url: 'https://data.sundsvall.example/air.csv' },
      ],
    },
    {
      id: 'avfallskarl',
      title: { sv: 'Fyllnadsgrad i avfallskärl', en: 'Waste container filling levels' },
      description: { sv: 'Fyllnadsgrad per kärl.', en: 'Filling level per container.' },
      themes: ['ENVI'],
      model: 'WasteContainer',
      services: ['broker'],
      distributions: [{ format: 'csv', url: 'https://data.sundsvall.example/waste.csv' }],
    },
  ],
};
