// A theme file: a palette of named colours, then semantic tokens that name a
// palette entry (or a colour directly). Checked when loaded; a token left out
// takes the default theme's colour.
import * as z from 'zod';
import { isColor, TOKENS } from './theme-tokens.js';

const color = z.string().superRefine((v, ctx) => {
  if (!isColor(v)) ctx.addIssue({ code: 'custom', message: `expected a colour like #89b4fa or a name like cyan, got ${JSON.stringify(v)}` });
});

export const themeFile = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'a theme name is lowercase letters, digits and dashes'),
    description: z.string().max(200).optional(),
    palette: z.record(z.string().regex(/^[a-zA-Z][\w-]*$/, 'palette names are letters, digits, - and _'), color),
    tokens: z.partialRecord(z.enum(TOKENS), z.string()),
  })
  .superRefine((t, ctx) => {
    for (const [token, value] of Object.entries(t.tokens)) {
      if (!Object.hasOwn(t.palette, value) && !isColor(value)) {
        ctx.addIssue({ code: 'custom', path: ['tokens', token], message: `"${value}" is neither in the palette nor a colour` });
      }
    }
  });

export type ThemeFile = z.output<typeof themeFile>;
