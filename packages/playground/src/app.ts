/**
 * The docs-site playground, run in the browser: paste an NGSI-LD entity and see its quality
 * report, or pick a LoRaWAN device, paste a payload in hex and see the decoded reading. Uses
 * the same packages a supplier installs, bundled by scripts/docs-playground.ts.
 */
import { type DeviceInfo, decode, getDeviceInfo, listDevices } from '@smartcitylab/decoders';
import { type QualityReport, type ReportLanguage, validateEntity } from '@smartcitylab/validate';
import { parseHex } from './hex.js';
import { SAMPLE_DEVICE, SAMPLE_PAYLOAD_HEX, sampleEntity } from './samples.js';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new TypeError(`playground page is missing #${id}`);
  return el as T;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

/** Runs `fn` once typing pauses, and drops the result of a run when newer input arrived. */
function live(
  output: HTMLElement,
  fn: (isCurrent: () => boolean) => Promise<void>,
  delayMs = 150,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    // Counted at input time, so a run still in flight when the user types again is dropped.
    const mine = ++generation;
    output.setAttribute('aria-busy', 'true');
    timer = setTimeout(async () => {
      try {
        await fn(() => mine === generation);
      } finally {
        if (mine === generation) output.removeAttribute('aria-busy');
      }
    }, delayMs);
  };
}

const percent = (score: number | null): string =>
  score === null ? 'n/a' : `${Math.round(score * 100)} %`;

function renderReport(target: HTMLElement, report: QualityReport, lang: ReportLanguage): void {
  const head = el('p', undefined, report.valid ? 'verdict ok' : 'verdict bad');
  head.id = 'report-verdict';
  head.append(
    el('strong', report.valid ? 'Valid' : 'Not valid'),
    ` · score ${percent(report.score)} · ${report.type ?? 'no type'} · ${report.representation ?? 'unknown'} representation · model ${report.model ?? 'none'}`,
  );
  const scores = el('table', undefined, 'dimensions');
  const headRow = el('tr');
  const valueRow = el('tr');
  for (const [name, d] of Object.entries(report.dimensions)) {
    headRow.append(el('th', name));
    valueRow.append(
      el('td', d.checks === 0 ? '–' : `${percent(d.score)} (${d.failed}/${d.checks} failed)`),
    );
  }
  scores.append(headRow, valueRow);
  const list = el('ul', undefined, 'issues');
  list.id = 'report-issues';
  for (const issue of report.issues) {
    const item = el('li', undefined, `issue ${issue.severity}`);
    item.dataset.rule = issue.rule;
    item.append(
      el('span', issue.severity, 'severity'),
      el('code', issue.rule),
      el('code', issue.path, 'path'),
      ` ${lang === 'sv' ? issue.messageSv : issue.message}`,
    );
    list.append(item);
  }
  if (report.issues.length === 0) list.append(el('li', 'No issues found.', 'issue none'));
  target.replaceChildren(head, scores, list);
}

function renderError(target: HTMLElement, message: string): void {
  const p = el('p', message, 'verdict bad');
  p.id = 'report-verdict';
  target.replaceChildren(p);
}

function setupEntityPanel(): void {
  const input = byId<HTMLTextAreaElement>('entity-input');
  const output = byId<HTMLElement>('report');
  const lang = byId<HTMLSelectElement>('report-lang');
  const maxAge = byId<HTMLInputElement>('max-age');
  const run = live(output, async (isCurrent) => {
    const text = input.value.trim();
    if (text === '') {
      output.replaceChildren(el('p', 'Paste an entity to see its quality report.', 'hint'));
      return;
    }
    let entity: unknown;
    try {
      entity = JSON.parse(text);
    } catch (e) {
      renderError(output, `Not JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const report = await validateEntity(entity, { maxAge: maxAge.value.trim() || 'P7D' });
    if (isCurrent()) renderReport(output, report, lang.value === 'sv' ? 'sv' : 'en');
  });
  input.addEventListener('input', run);
  lang.addEventListener('change', run);
  maxAge.addEventListener('input', run);
  byId<HTMLButtonElement>('entity-sample').addEventListener('click', () => {
    input.value = JSON.stringify(sampleEntity(), null, 2);
    run();
  });
  run();
}

function deviceLabel(d: DeviceInfo): string {
  return `${d.vendor} ${d.name} (${d.id})`;
}

function setupPayloadPanel(): void {
  const device = byId<HTMLSelectElement>('device');
  const fPort = byId<HTMLInputElement>('fport');
  const hex = byId<HTMLInputElement>('payload-hex');
  const output = byId<HTMLElement>('decoded');
  const units = byId<HTMLElement>('device-units');
  for (const d of listDevices()) {
    const option = el('option', deviceLabel(d));
    option.value = d.id;
    device.append(option);
  }
  const showDevice = (): void => {
    const info = getDeviceInfo(device.value);
    if (!info) return;
    fPort.value = String(info.defaultFPort);
    units.textContent = info.quantities
      .map((q) => (q.unit ? `${q.name} [${q.unit}]` : q.name))
      .join(', ');
  };
  const run = live(output, async (isCurrent) => {
    const bytes = parseHex(hex.value);
    if (!bytes.success) {
      const p = el('p', bytes.message, 'verdict bad');
      p.id = 'decoded-status';
      output.replaceChildren(p);
      return;
    }
    const port = Number(fPort.value);
    const result = await decode(device.value, { bytes: bytes.data, fPort: port });
    if (!isCurrent()) return;
    const status = el('p', undefined, 'data' in result ? 'verdict ok' : 'verdict bad');
    status.id = 'decoded-status';
    status.append(
      el('strong', 'data' in result ? 'Decoded' : 'Not decoded'),
      ` · ${bytes.data.length} bytes on fPort ${port}`,
    );
    const json = el('pre', JSON.stringify('data' in result ? result.data : result.errors, null, 2));
    json.id = 'decoded-json';
    const warnings = el('ul', undefined, 'issues');
    for (const w of result.warnings ?? []) warnings.append(el('li', w, 'issue warning'));
    output.replaceChildren(status, json, warnings);
  });
  device.addEventListener('change', () => {
    showDevice();
    run();
  });
  fPort.addEventListener('input', run);
  hex.addEventListener('input', run);
  byId<HTMLButtonElement>('payload-sample').addEventListener('click', () => {
    device.value = SAMPLE_DEVICE;
    showDevice();
    hex.value = SAMPLE_PAYLOAD_HEX;
    run();
  });
  device.value = SAMPLE_DEVICE;
  showDevice();
}

setupEntityPanel();
setupPayloadPanel();
document.body.dataset.ready = 'true';
