import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REGIONS, RESET_EVENTS, type CadenceRule } from '../../resets/cadences.js';
import { currentPeriod, nextOccurrence, previousOccurrence } from '../../resets/resetEngine.js';
import { renderResetCalendar } from '../../calendar/icsCalendar.js';
import { PRESETS } from '../../tasks/presets.js';
import { errors, presetSchema, resetSchema } from '../schemas.js';
import { fromAcceptLanguage, LOCALES, type Locale } from '../../i18n/locales.js';
import { categoryName, presetDescription, presetName } from '../../i18n/presetText.js';
import { eventText, translator } from '../../i18n/translator.js';
import type { FastifyRequest } from 'fastify';

/** `?lang=` wins over `Accept-Language`; a language we do not speak is English. */
const langQuery = z.strictObject({ lang: z.enum(LOCALES).optional().describe('en, ja, de or fr; overrides Accept-Language') });
const localeOf = (req: FastifyRequest): Locale => (req.query as { lang?: Locale }).lang ?? fromAcceptLanguage(req.headers['accept-language']);
import type { HttpDeps } from '../server.js';
import { iso, isoOrNull } from '../views.js';

const FIXED_RULES: CadenceRule[] = [
  { cadence: 'daily' },
  { cadence: 'weekly' },
  { cadence: 'gc-daily' },
  { cadence: 'fashion-report' },
  ...REGIONS.map((region) => ({ cadence: 'jumbo-cactpot' as const, region })),
];

const periodSchema = z.object({
  cadence: z.string(),
  name: z.string().describe('In the asked language'),
  region: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  opensAt: z.string().nullable(),
});

/** What needs no login: the preset catalogue and the reset clock. */
export const publicRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, { clock, services }) => {
  app.get(
    '/features',
    {
      schema: {
        tags: ['resets'],
        operationId: 'getFeatures',
        summary: 'What this service offers, for a client to adapt its forms',
        security: [],
        description: '`lodestone`: characters are read from the Lodestone (link by URL, id or name + world; ownership can be verified). When false, they are linked by hand.',
        response: { 200: z.object({ lodestone: z.boolean() }).meta({ id: 'Features' }) },
      },
    },
    async () => ({ lodestone: services.characters.readsLodestone }),
  );

  // The catalogue in each language, worked out once: the game's own names, keys unchanged.
  const presets = new Map(
    LOCALES.map((locale) => [
      locale,
      PRESETS.map((p) => ({
        ...p,
        name: presetName(p.key, locale),
        description: presetDescription(p.key, locale),
        categoryName: categoryName(p.category, locale),
        intervalHours: p.intervalHours ?? null,
      })),
    ]),
  );
  app.get(
    '/presets',
    {
      schema: {
        tags: ['presets'],
        operationId: 'listPresets',
        summary: 'The catalogue of standard FFXIV dailies and weeklies',
        description:
          'Their `key`s are what `POST /tasks/presets` takes, in every language. Names follow `?lang=` or `Accept-Language` ' +
          '(English, Japanese, German, French; the game\'s own wording), answered with `Content-Language`.',
        security: [],
        querystring: langQuery,
        response: { 200: z.array(presetSchema), ...errors(400) },
      },
    },
    async (req, reply) => {
      const locale = localeOf(req);
      void reply.header('content-language', locale).header('vary', 'Accept-Language');
      return presets.get(locale)!;
    },
  );

  app.get(
    '/resets',
    {
      schema: {
        tags: ['resets'],
        operationId: 'getResets',
        summary: 'Current period and next reset of every cadence, and the next occurrence of every announced event',
        description: 'Names follow `?lang=` or `Accept-Language` (English, Japanese, German, French), answered with `Content-Language`.',
        security: [],
        querystring: langQuery,
        response: { 200: z.object({ now: z.string(), periods: z.array(periodSchema), events: z.array(resetSchema) }), ...errors(400) },
      },
    },
    async (req, reply) => {
      const now = clock();
      const locale = localeOf(req);
      const t = translator(locale);
      void reply.header('content-language', locale).header('vary', 'Accept-Language');
      return {
        now: iso(now),
        periods: FIXED_RULES.map((rule) => {
          const p = currentPeriod(rule, now);
          return {
            cadence: rule.cadence,
            name: t(`resets.${rule.cadence as 'daily' | 'weekly' | 'gc-daily' | 'fashion-report' | 'jumbo-cactpot'}`, { region: 'region' in rule ? rule.region.toUpperCase() : '' }),
            region: 'region' in rule ? rule.region : null,
            periodStart: iso(p.start),
            periodEnd: iso(p.end!),
            opensAt: isoOrNull(p.opensAt),
          };
        }),
        events: RESET_EVENTS.map((event) => ({
          event,
          name: eventText(event, locale).title,
          periodStart: iso(previousOccurrence(event, now)),
          nextReset: iso(nextOccurrence(event, now)),
        })),
      };
    },
  );

  // The feed is a set of recurrence rules, the same at every request: rendered once per region.
  const calendars = new Map([undefined, ...REGIONS].map((region) => [region, renderResetCalendar(region)]));
  app.get(
    '/calendar.ics',
    {
      schema: {
        tags: ['resets'],
        operationId: 'getCalendar',
        summary: 'The FFXIV resets as an iCalendar feed to subscribe to',
        description: 'Daily, weekly, Grand Company, Fashion Report and Jumbo Cactpot (all regions, or `region`) as recurring UTC events.',
        security: [],
        querystring: z.strictObject({ region: z.enum(REGIONS).optional() }),
        response: {
          // Served as text/calendar (see finishDocument in openapi.ts); errors stay JSON.
          200: z.string().meta({ contentMediaType: 'text/calendar', description: 'An iCalendar (RFC 5545) document' }),
          ...errors(400),
        },
      },
    },
    async (req, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="ffxiv-resets${req.query.region ? `-${req.query.region}` : ''}.ics"`)
        .header('cache-control', 'public, max-age=3600')
        .send(calendars.get(req.query.region)!),
  );
};
