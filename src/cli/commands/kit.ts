/**
 * What the commands use when they run, loaded by `lazyRun` when one does:
 * nothing here is loaded by `--version`, `--help` or the definitions.
 */
export { BadResponseError, DEFAULT_WATCH_INTERVAL, NoTokenError, isProgress, nerfDart, parsePackageSpec } from '../../index';
export { CliError } from '../output/cli-error';
export { progressBar } from '../output/progress-bar';
export { viewOptions } from '../output/view-options';
export { ask } from '../prompt/ask';
export { oneVersion } from '../spec/one-version';
export { formatBytes } from '../view/format-bytes';
export { formatView } from '../view/format-view';
export { watchView } from '../watch/watch-view';
export { textStyles } from '../view/text-styles';
export { default as semver } from 'semver';
export { advisoryJson, advisoryReport, failsAt, vulnerabilityOf } from '../audit/advisory-report';
export { lockfileVersions, readLockfile, versionsInLock } from '../audit/lockfile-versions';
export { lockfileDependents } from '../audit/lockfile-dependents';
export { lockedVulnerability } from '../audit/locked-vulnerability';
export { installedPackages } from '../audit/installed-packages';
export { qrCode } from '../output/qr-code';
