import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_OFFICE_CONTACT } from '../../api/console-config.js';
import { parseSettings } from '../../infra/settings.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
const required = { alarmEmail: 'ops@dukcapil.example' };

describe("the office's contact (settings officeContact, the console's config.json)", () => {
  it("cdk.json's officeContact is valid and is the Banyuwangi demo contact", () => {
    expect(parseSettings(cdkJson.context).officeContact).toEqual(DEMO_OFFICE_CONTACT);
  });

  it('defaults to the Banyuwangi demo contact when the settings have none', () => {
    expect(parseSettings(required).officeContact).toEqual(DEMO_OFFICE_CONTACT);
  });

  it('fails loudly on a contact parents could not use: a bad e-mail, a phone that is not a number, no hours in English', () => {
    const bad = { ...DEMO_OFFICE_CONTACT, email: 'dukcapil', phone: 'call us', hours: { id: 'Senin–Jumat' } };
    expect(() => parseSettings({ ...required, officeContact: bad })).toThrow(
      /context\.officeContact\.phone: a phone number[\s\S]*context\.officeContact\.email: not an e-mail address[\s\S]*context\.officeContact\.hours\.en/,
    );
  });

  it('takes an office without WhatsApp', () => {
    const { whatsApp: _none, ...contact } = DEMO_OFFICE_CONTACT;
    expect(parseSettings({ ...required, officeContact: contact }).officeContact.whatsApp).toBeUndefined();
  });
});
