/* Linked into the release binary with Debian's static libpq (libpq.a), in
 * place of GSSAPI (Kerberos) and LDAP: the console never asks for either, and
 * the shared libpq.so maps them with GnuTLS, nettle, p11-kit, SASL… behind
 * them, ~3.5 MB resident for nothing (Benchmarks/README.md, "Footprint
 * (issue 18): memory").
 *
 * What libpq does with these: with gssencmode=prefer (the default) it asks
 * gss_acquire_cred whether a Kerberos ticket exists; failing here reads as
 * "no ticket", so it goes on without GSSAPI exactly as on a machine without
 * one. gssencmode=require and Kerberos authentication fail with libpq's own
 * error, as does an ldap:// service lookup (ldap_init returning NULL). */
#include <stddef.h>
#include <stdint.h>

typedef uint32_t OM_uint32;
typedef struct { size_t length; void *value; } gss_buffer_desc;
#define FAILURE (13u << 16) /* GSS_S_FAILURE */

void *GSS_C_NT_HOSTBASED_SERVICE = NULL;
static char unavailable[] = "GSSAPI is not linked into this build";

OM_uint32 gss_acquire_cred(OM_uint32 *minor, ...) { if (minor) *minor = 0; return FAILURE; }
OM_uint32 gss_import_name(OM_uint32 *minor, ...) { if (minor) *minor = 0; return FAILURE; }
OM_uint32 gss_init_sec_context(OM_uint32 *minor, ...) { if (minor) *minor = 0; return FAILURE; }
OM_uint32 gss_wrap(OM_uint32 *minor, ...) { if (minor) *minor = 0; return FAILURE; }
OM_uint32 gss_unwrap(OM_uint32 *minor, ...) { if (minor) *minor = 0; return FAILURE; }
OM_uint32 gss_wrap_size_limit(OM_uint32 *minor, ...) { if (minor) *minor = 0; return FAILURE; }
OM_uint32 gss_delete_sec_context(OM_uint32 *minor, ...) { if (minor) *minor = 0; return 0; }
OM_uint32 gss_release_cred(OM_uint32 *minor, ...) { if (minor) *minor = 0; return 0; }
OM_uint32 gss_release_name(OM_uint32 *minor, ...) { if (minor) *minor = 0; return 0; }
OM_uint32 gss_release_buffer(OM_uint32 *minor, gss_buffer_desc *b) {
    if (minor) *minor = 0;
    if (b) { b->length = 0; b->value = NULL; }
    return 0;
}
OM_uint32 gss_display_status(OM_uint32 *minor, OM_uint32 status, int type, void *mech, OM_uint32 *more,
                             gss_buffer_desc *out) {
    (void)status; (void)type; (void)mech;
    if (minor) *minor = 0;
    if (more) *more = 0;
    if (out) { out->value = unavailable; out->length = sizeof unavailable - 1; }
    return 0;
}

void *ldap_init(const char *host, int port) { (void)host; (void)port; return NULL; }
int ldap_set_option(void *ld, ...) { (void)ld; return -1; }
int ldap_simple_bind(void *ld, ...) { (void)ld; return -1; }
int ldap_search_st(void *ld, ...) { (void)ld; return -1; }
int ldap_result(void *ld, ...) { (void)ld; return -1; }
int ldap_count_entries(void *ld, ...) { (void)ld; return 0; }
void *ldap_first_entry(void *ld, ...) { (void)ld; return NULL; }
void *ldap_get_values_len(void *ld, ...) { (void)ld; return NULL; }
void ldap_value_free_len(void *v) { (void)v; }
int ldap_msgfree(void *m) { (void)m; return 0; }
int ldap_unbind(void *ld) { (void)ld; return 0; }
char *ldap_err2string(int e) { (void)e; return unavailable; }
