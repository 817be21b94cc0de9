import * as z from 'zod';

/** GET /v1/dashboard?days=: the last `days` days (WIB), today included. */
export const DashboardQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(30),
});

const Share = z.object({
  total: z.int().min(0),
  count: z.int().min(0),
  share: z.number().min(0).max(1).nullable().meta({ description: 'count / total; null when total is 0' }),
});

export const DashboardSchema = z
  .object({
    from: z.iso.date().meta({ description: 'First day of the window (WIB)' }),
    to: z.iso.date().meta({ description: 'Last day of the window: today (WIB)' }),
    generatedAt: z.iso.datetime(),
    registeredPerDay: z
      .array(z.object({ date: z.iso.date(), count: z.int().min(0) }))
      .meta({ description: 'Births registered (documents issued) per WIB day, every day of the window, oldest first' }),
    registered: z.int().min(0).meta({ description: 'Births registered in the window' }),
    medianMinutesToDocuments: z
      .number()
      .min(0)
      .nullable()
      .meta({ description: 'Median minutes from the hospital’s notification to the signed documents, over the births registered in the window; null when none' }),
    decidedWithin4Hours: Share.meta({ description: 'Registrar decisions made in the window, and those made within 4 hours of the case reaching the queue' }),
    registeredWithin60Days: Share.meta({ description: 'Births registered in the window, and those notified within 60 days of the birth (no LATE_REGISTRATION)' }),
    pendingByAge: z
      .object({ under1h: z.int().min(0), from1hTo4h: z.int().min(0), over4h: z.int().min(0) })
      .meta({ description: 'Cases waiting for a decision now, by how long they have waited' }),
  })
  .meta({ description: 'The registry office’s figures over a window of days' });

export type Dashboard = z.output<typeof DashboardSchema>;
