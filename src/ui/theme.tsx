// The theme in context: components ask for a token's colour and never name one.
// Under NO_COLOR every token is undefined and emphasis falls back to bold/inverse.
import { createContext, type ReactNode, useContext } from 'react';
import type { ResolvedTheme, Token } from '../config/theme-tokens.js';

const ThemeContext = createContext<ResolvedTheme | undefined>(undefined);

export function ThemeProvider({ theme, children }: { theme: ResolvedTheme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ResolvedTheme {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error('useTheme must be used inside a ThemeProvider');
  return theme;
}

/** A token's colour, or undefined (the terminal's own) in a monochrome theme. */
export function color(theme: ResolvedTheme, token: Token | undefined): string | undefined {
  return token ? theme.color[token] : undefined;
}
