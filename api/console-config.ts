import * as z from 'zod';

/**
 * What the web console reads from its config.json besides the API's address: the office's contact,
 * shown to parents wherever the next step is the office (a rejection, a failure, a revocation, a KIA
 * photo). One schema for the deployment settings (infra/settings.ts `officeContact`), the file CDK
 * uploads (infra/console-hosting.ts) and the local stack's (local/console.ts); the console takes its
 * type only (web/src/api.ts).
 */
const Phone = z.string().regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'a phone number: digits, spaces, ( ) - and a leading +');

export const OfficeContactSchema = z.object({
  /** The office as parents know it: "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi". */
  name: z.string().min(1),
  /** Where to come: street, town (one line). */
  address: z.string().min(1),
  phone: Phone,
  /** The office's WhatsApp number, if it answers there (the console links wa.me/<number>). */
  whatsApp: Phone.optional(),
  email: z.email('not an e-mail address'),
  /** Opening hours in both languages of the console. */
  hours: z.object({ id: z.string().min(1), en: z.string().min(1) }),
});

export type OfficeContact = z.infer<typeof OfficeContactSchema>;

/** Demo values for Banyuwangi (cdk.json carries the same): set the office's real ones before going live. */
export const DEMO_OFFICE_CONTACT: OfficeContact = {
  name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi',
  address: 'Jl. K.H. Agus Salim No. 83, Banyuwangi, Jawa Timur 68416',
  phone: '+62 333 000 000',
  whatsApp: '+62 812 0000 0000',
  email: 'layanan@dukcapil-banyuwangi.example',
  hours: { id: 'Senin–Kamis 08.00–15.30 WIB, Jumat 08.00–14.00 WIB', en: 'Monday–Thursday 08:00–15:30, Friday 08:00–14:00 (WIB)' },
};
