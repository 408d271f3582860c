import type { FlagName, FlagValue } from "./generated/flags";

export function flag<N extends FlagName>(name: N): FlagValue<N> {
  return client.variation(name, defaults[name]) as FlagValue<N>;
}
