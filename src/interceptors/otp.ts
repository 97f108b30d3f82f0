import type { Interceptor } from '../request/interceptor';

/** Sends the configured one-time password with writes, where the registry asks for it. */
export function otpInterceptor(otp: string | undefined): Interceptor {
  return (req, next) => (otp && req.isWrite && !req.headers['npm-otp'] ? next(req.clone({ setHeaders: { 'npm-otp': otp } })) : next(req));
}
