#ifndef STUDYSPOT_COPENSSL_SHIM_H
#define STUDYSPOT_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

/* OpenSSL spells these as function-like macros, which Swift does not import. */
static inline int studyspot_ssl_set_sni(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}
static inline int studyspot_ssl_ctx_min_tls12(SSL_CTX *ctx) {
    return (int)SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
}
static inline long studyspot_ssl_set_modes(SSL *ssl) {
    /* The caller keeps the same bytes for a retried write, but Swift may move
       the buffer between calls: let OpenSSL accept that. */
    return SSL_set_mode(ssl, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_ENABLE_PARTIAL_WRITE);
}
#endif
