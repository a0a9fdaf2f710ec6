import { getLanguageService, type LanguageService, type ServiceSettings } from '../service/index';

/**
 * One language service per distinct service settings: documents of folders with different settings
 * (or a file with its own dialect) each get a service configured for them, with its own caches.
 */
export class ServicePool {
  private readonly services = new Map<string, LanguageService>();

  get(settings: ServiceSettings): LanguageService {
    const key = JSON.stringify(settings);
    let service = this.services.get(key);
    if (!service) {
      service = getLanguageService(settings);
      this.services.set(key, service);
    }
    return service;
  }

  /** Drop a closed document's models from every service. */
  forget(uri: string): void {
    for (const s of this.services.values()) s.forget(uri);
  }

  /** Keep only the services still in use (after a settings change). */
  retain(inUse: readonly ServiceSettings[]): void {
    const keep = new Set(inUse.map((s) => JSON.stringify(s)));
    for (const key of [...this.services.keys()]) if (!keep.has(key)) this.services.delete(key);
  }

  get size(): number {
    return this.services.size;
  }
}
