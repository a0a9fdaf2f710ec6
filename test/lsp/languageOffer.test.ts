// The one-time offer to open a *.yaml user-data file as Cloud-Config, decided as the client decides it
// (client/src/languageOffer.ts) on the server's status notifications, with a fake workspace state.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageOffers, yamlOffersKey, type AnswerStore } from '../../client/src/languageOffer';

/** A workspace state in memory (VS Code's Memento: get with a default, update resolves when kept). */
class FakeState implements AnswerStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

const web = 'file:///ws/offer/web.yaml';
const keep = 'file:///ws/offer/keep.yaml';
const yaml = { languageId: 'yaml', isUntitled: false };
const cloudConfig = { languageId: 'cloud-config', isUntitled: false };

describe('the *.yaml offer', () => {
  it('accepted for one file, the next file opened still gets its offer', async () => {
    const offers = new LanguageOffers(new FakeState());
    assert.equal(offers.step(web, 'cloud-config', yaml).kind, 'offer');
    // The server validates again while the offer is shown: no second offer for the same file.
    assert.equal(offers.step(web, 'cloud-config', yaml).kind, 'none');
    await offers.answer(web, 'accepted');
    // setTextDocumentLanguage closes and reopens web.yaml as Cloud-Config: its status changes nothing.
    assert.equal(offers.step(web, 'cloud-config', cloudConfig).kind, 'none');
    assert.deepEqual(offers.step(keep, 'cloud-config', yaml), { kind: 'offer', language: 'cloud-config' });
  });

  it('declined for one file, the next file gets its offer, in either order', async () => {
    const offers = new LanguageOffers(new FakeState());
    assert.equal(offers.step(keep, 'cloud-config', yaml).kind, 'offer');
    await offers.answer(keep, 'declined');
    assert.equal(offers.step(web, 'cloud-config', yaml).kind, 'offer');
  });

  it('a second file opened while the first offer waits for its answer gets its own offer', async () => {
    const offers = new LanguageOffers(new FakeState());
    assert.equal(offers.step(web, 'cloud-config', yaml).kind, 'offer');
    assert.equal(offers.step(keep, 'cloud-config', yaml).kind, 'offer');
    await offers.answer(keep, 'declined');
    await offers.answer(web, 'accepted');
    assert.deepEqual(offers.answers(), { [keep]: 'declined', [web]: 'accepted' });
  });

  it('the answers are kept per file: a new window switches the accepted file, asks nothing of the declined', async () => {
    const state = new FakeState();
    const first = new LanguageOffers(state);
    first.step(web, 'cloud-config', yaml);
    first.step(keep, 'cloud-config', yaml);
    await first.answer(web, 'accepted');
    await first.answer(keep, 'declined');
    assert.deepEqual(state.values.get(yamlOffersKey), { [web]: 'accepted', [keep]: 'declined' });
    const next = new LanguageOffers(state);
    assert.deepEqual(next.step(web, 'cloud-config', yaml), { kind: 'switch', language: 'cloud-config' });
    assert.equal(next.step(keep, 'cloud-config', yaml).kind, 'none');
    assert.equal(next.step('file:///ws/other.yaml', 'cloud-config', yaml).kind, 'offer');
  });

  it('untitled Plain Text is switched at once, YAML the server does not read as user-data is left alone', () => {
    const offers = new LanguageOffers(new FakeState());
    const untitled = { languageId: 'plaintext', isUntitled: true };
    assert.deepEqual(offers.step('untitled:Untitled-1', 'cloud-config', untitled), {
      kind: 'switch',
      language: 'cloud-config',
    });
    assert.deepEqual(offers.step('untitled:Untitled-2', 'ip6tables', untitled), {
      kind: 'switch',
      language: 'iptables',
    });
    assert.equal(offers.step('file:///ws/other.yaml', undefined, yaml).kind, 'none');
    assert.equal(offers.step(web, 'cloud-config', undefined).kind, 'none');
  });
});
