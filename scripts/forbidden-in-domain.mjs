// Packages the `/domain` entry must never load (issue 6): database, ORM, HTTP, container, hashing.
export const FORBIDDEN_IN_DOMAIN = ['@mikro-orm', 'koa', '@koa', 'inversify', '@inversifyjs', 'pg', 'bcrypt', 'knex', 'zod'];

/** The forbidden packages among recorded module URLs or paths. */
export function forbiddenLoads(lines) {
  return [...new Set(lines.flatMap((line) => {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(line);
    if (!m) return [];
    const name = m[1].replace('\\', '/');
    return FORBIDDEN_IN_DOMAIN.some((f) => name === f || name.startsWith(`${f}/`)) ? [name] : [];
  }))];
}
