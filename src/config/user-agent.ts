import { version } from '../../package.json';

export const DEFAULT_USER_AGENT = `rxnpm/${version} node/${process.version} ${process.platform} ${process.arch}`;
