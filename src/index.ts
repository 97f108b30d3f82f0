export { RegistryClient } from './client';

export type { RegistryClientConfig, RegistryClientOptions, RegistryClientExtras, PerRegistryKeys } from './config/registry-client-config';
export type { ConfigGetter } from './config/config-source';
export type { RetrySettings, TlsSettings, ProxySettings } from './config/normalized-config';
export type { Logger, LogLevel } from './config/logger';
export { DEFAULTS } from './config/defaults';
export type { RegistryClientSettings } from './config/registry-client-settings';

export { RegistryRequest } from './request/registry-request';
export type { RequestBody, BodyFactory, ResponseType, RequestInit, RequestUpdate } from './request/registry-request';
export type { RequestPayload } from './request/encode-body';
export type { CacheStatus, RegistryResponse } from './request/registry-response';
export type { HttpEvent, HeadersEvent, ResponseEvent, UploadProgressEvent, DownloadProgressEvent, ProgressEvent } from './request/http-event';
export { isResponse } from './request/http-event';
export type { Interceptor, HttpHandler } from './request/interceptor';
export { chain } from './request/chain';
export { defaultInterceptors } from './interceptors/default-interceptors';
export { retryInterceptor } from './interceptors/retry';
export { otpInterceptor, type OtpPrompt } from './interceptors/otp';
export { checkResponseInterceptor } from './interceptors/check-response';
export { invalidateInterceptor } from './cache/invalidate-interceptor';
export { redirectInterceptor } from './interceptors/redirect';
export { headersInterceptor } from './interceptors/headers';
export { authInterceptor } from './interceptors/auth';
export { logInterceptor } from './interceptors/log';
export { timeoutInterceptor } from './interceptors/timeout';

export type { GetOptions } from './operations/get-options';
export { DEFAULT_WATCH_INTERVAL, type WatchOptions } from './operations/watch';
export type { AdduserResult } from './operations/account';
export type { PackageData, PublishOptions } from './operations/publish';
export type { TarballInput } from './operations/tarball-source';
export type { UnpublishResult } from './operations/unpublish';
export type { DistTags } from './operations/dist-tags';
export type { SearchOptions, SearchResult, SearchResults } from './operations/search';
export type { Manifest, Maintainer, Packument } from './operations/packument';
export type { SavedTarball, TarballOptions } from './operations/tarball';
export type { ManifestOptions } from './operations/manifest';
export type { RegistryKey } from './operations/keys';
export { checkSignatures, type RegistrySignature } from './operations/verify-signatures';
export type { SignatureAudit } from './operations/audit-signatures';
export { SEVERITIES, type Severity, type Advisory, type AdvisoryQuery, type PackageAdvisories } from './operations/advisories';
export type { Access, MfaLevel, Permission } from './operations/access';
export type { OrgMembership, OrgRole } from './operations/org';
export { isProgress, type Progress, type ProgressOptions } from './operations/progress';
export { parsePackageSpec, type PackageSpec } from './spec/parse-package-spec';

export type { CacheStore } from './cache/cache-store';
export type { CacheEntryMeta, StoredEntry, DocumentVariant } from './cache/cache-entry';
export { MemoryStore, memoryStore } from './cache/memory-store';
export { CacacheStore } from './cache/cacache-store';

export type { Transport } from './transport/transport';
export { UndiciTransport, type UndiciTransportOptions } from './transport/undici-transport';
export { defaultTransport } from './transport/default-transport';
export { ACCEPT_ENCODING, CONTENT_DECODERS, type ContentDecoder } from './transport/content-decoders';
export { decodeBody } from './transport/decode-body';

export { nerfDart } from './auth/nerf-dart';
export { redactUrl } from './auth/redact';

export { RETRIED_ERROR_CODES, RETRIED_STATUS_CODES, isRetriedError, backoffDelay } from './retry/retry-policy';

export { ERROR_CODES, ERROR_CODE_FAMILIES, errorCodeDoc, type ErrorCode, type ErrorCodeDoc, type NamedErrorCode, type HttpStatusErrorCode, type SystemErrorCode } from './errors/error-code';
export { RegistryError, type RegistryErrorDetails } from './errors/registry-error';
export { HttpError, type HttpErrorDetails, type HttpErrorCode } from './errors/http-error';
export { OtpRequiredError } from './errors/otp-required-error';
export { AuthIpError } from './errors/auth-ip-error';
export { ConfigError } from './errors/config-error';
export { TimeoutError } from './errors/timeout-error';
export { NetworkError } from './errors/network-error';
export { InvalidJsonError } from './errors/invalid-json-error';
export { UsageError } from './errors/usage-error';
export { NotCachedError } from './errors/not-cached-error';
export { CacheError } from './errors/cache-error';
export { PublishConflictError } from './errors/publish-conflict-error';
export { ResponseTooLargeError } from './errors/response-too-large-error';
export { BadResponseError } from './errors/bad-response-error';
export { IntegrityError } from './errors/integrity-error';
export { RedirectError } from './errors/redirect-error';
export { TooDeepError } from './errors/too-deep-error';
export { NeedAuthError } from './errors/need-auth-error';
export { NoTokenError } from './errors/no-token-error';
export { NoMatchingVersionError, type NoMatchingVersionCode } from './errors/no-matching-version-error';
export { MAX_JSON_DEPTH, nestedDeeperThan } from './util/json-depth';
export { WHOLE_REQUEST_FACTOR } from './interceptors/timeout';
export { BadEncodingError } from './errors/bad-encoding-error';
export { SignatureError, type SignatureErrorCode } from './errors/signature-error';
