/**
 * What a run created, so that everything is deleted at the end, also after a failed check or an
 * interrupt; what cannot be deleted becomes a leftover in the report.
 */
import type { Leftover } from '../types.js';
import type { Probe } from './http.js';

interface Created {
  readonly kind: 'entity' | 'subscription';
  readonly id: string;
  /** Tenant header to delete with; undefined for the run's own tenant. */
  readonly tenant: string | undefined;
}

/** The resources a run created, in creation order. */
export class Ledger {
  private readonly items = new Map<string, Created>();
  private readonly tenants = new Set<string>();

  private key(kind: string, id: string, tenant: string | undefined): string {
    return `${kind}\u0000${tenant ?? ''}\u0000${id}`;
  }

  /** Remembers a resource that may have been created (before the request, so a lost answer still counts). */
  track(kind: Created['kind'], id: string, tenant?: string): void {
    this.items.set(this.key(kind, id, tenant), { kind, id, tenant });
  }

  /** Forgets a resource a check deleted itself. */
  forget(kind: Created['kind'], id: string, tenant?: string): void {
    this.items.delete(this.key(kind, id, tenant));
  }

  /** Remembers a tenant the run created (NGSI-LD has no operation to delete a tenant). */
  trackTenant(name: string): void {
    this.tenants.add(name);
  }

  /** How many resources are still to be deleted. */
  get size(): number {
    return this.items.size;
  }

  /** Deletes everything still recorded, newest first; returns what could not be deleted. */
  async cleanup(probe: Probe): Promise<Leftover[]> {
    const leftovers: Leftover[] = [];
    const all = [...this.items.values()].reverse();
    for (const item of all) {
      const path =
        item.kind === 'entity'
          ? `/entities/${encodeURIComponent(item.id)}`
          : `/subscriptions/${encodeURIComponent(item.id)}`;
      const headers: Record<string, string> = item.tenant ? { 'ngsild-tenant': item.tenant } : {};
      try {
        const res = await probe.send({ method: 'DELETE', path, headers });
        // 404: never created (the create failed) or already gone; both leave nothing behind.
        if (res.status >= 300 && res.status !== 404) {
          leftovers.push({
            kind: item.kind,
            id: item.id,
            ...(item.tenant ? { tenant: item.tenant } : {}),
            reason: `DELETE answered ${res.status}`,
          });
        }
      } catch (e) {
        leftovers.push({
          kind: item.kind,
          id: item.id,
          ...(item.tenant ? { tenant: item.tenant } : {}),
          reason: `DELETE failed: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
      this.items.delete(this.key(item.kind, item.id, item.tenant));
    }
    for (const t of this.tenants) {
      leftovers.push({
        kind: 'tenant',
        id: t,
        reason: 'NGSI-LD has no operation to delete a tenant; it is now empty',
      });
    }
    return leftovers;
  }
}
