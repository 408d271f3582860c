import type { ComponentType } from "react";
import { InteractionManager } from "react-native";

type ScreenModule = { default: ComponentType<unknown> };
type Loader = () => Promise<ScreenModule>;

const cache = new Map<string, ComponentType<unknown>>();
const pending = new Map<string, Promise<ComponentType<unknown>>>();

export const screens: Record<string, Loader> = {
  Home: () => import("./screens/Home"),
  Search: () => import("./screens/Search"),
  Cart: () => import("./screens/Cart"),
  Profile: () => import("./screens/Profile"),
  Settings: () => import("./screens/Settings"),
  OrderHistory: () => import("./screens/OrderHistory"),
  Support: () => import("./screens/Support"),
};

export async function loadScreen(name: string): Promise<ComponentType<unknown>> {
  const hit = cache.get(name);
  if (hit) return hit;
  const inFlight = pending.get(name);
  if (inFlight) return inFlight;
  const loader = screens[name];
  if (!loader) throw new Error(`unknown screen: ${name}`);
  const promise = loader().then((mod) => {
    cache.set(name, mod.default);
    pending.delete(name);
    return mod.default;
  });
  pending.set(name, promise);
  return promise;
}

export function prefetchAfterStartup(names: string[]): void {
  InteractionManager.runAfterInteractions(() => {
    for (const name of names) {
      void loadScreen(name).catch((err) => {
        console.warn(`prefetch failed for ${name}`, err);
      });
    }
  });
}
export const PREFETCH = ["Search", "Cart"];
