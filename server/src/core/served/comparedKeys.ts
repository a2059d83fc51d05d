/** The root keys Bitbucket reads to link the Connect app to its Forge app: a served descriptor is compared on them. Light (no parser): the client names them in its messages. */
export const COMPARED_KEYS = ['key', 'forgeAppLink', 'forgeAppId'] as const;
export type ComparedKey = (typeof COMPARED_KEYS)[number];

/** "key, forgeAppLink and forgeAppId", without those that were not compared (templates in the local file). */
export function comparedKeysPhrase(notCompared: readonly ComparedKey[]): string {
  const words = COMPARED_KEYS.filter((key) => !notCompared.includes(key));
  return words.length <= 1 ? (words[0] ?? 'keys') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
