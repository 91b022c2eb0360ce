// ECDSA P-256 verification for one fixed public key, with a precomputed table for that key.
//
// Why: verifying a whole FDM memory checks every signature against the same key. OpenSSL's
// verify computes u1*G + u2*Q with a built-in table for the generator G but walks Q afresh on
// every call. Here a second copy of the curve takes Q as its generator, so OpenSSL builds the
// same kind of fixed-base table for Q once, and both halves become table lookups. About half
// the cost of crypto.verify; the arithmetic is OpenSSL's own (the copy linked into node).
//
// Only public data goes through here (signature, message, public key), so the variable-time
// inverse is fine.
#include <node_api.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/sha.h>

#include <cstring>

namespace {

struct Verifier {
  EC_GROUP* curve = nullptr;   // P-256 with its usual generator G
  EC_GROUP* keyCurve = nullptr;  // the same curve with the public key Q as generator
  BN_CTX* ctx = nullptr;
  const BIGNUM* order = nullptr;
  BIGNUM *r = nullptr, *s = nullptr, *e = nullptr, *w = nullptr, *u1 = nullptr, *u2 = nullptr, *x = nullptr;
  EC_POINT *p1 = nullptr, *p2 = nullptr;

  ~Verifier() {
    BN_free(r); BN_free(s); BN_free(e); BN_free(w); BN_free(u1); BN_free(u2); BN_free(x);
    EC_POINT_free(p1); EC_POINT_free(p2);
    BN_CTX_free(ctx);
    EC_GROUP_free(keyCurve);
    EC_GROUP_free(curve);
  }

  bool init(const unsigned char* point, size_t length) {
    curve = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    ctx = BN_CTX_new();
    if (curve == nullptr || ctx == nullptr) return false;
    order = EC_GROUP_get0_order(curve);
    EC_POINT* q = EC_POINT_new(curve);
    bool ok = q != nullptr && EC_POINT_oct2point(curve, q, point, length, ctx) == 1 &&
              EC_POINT_is_at_infinity(curve, q) == 0 && EC_POINT_is_on_curve(curve, q, ctx) == 1;
    if (ok) {
      keyCurve = EC_GROUP_dup(curve);
      ok = keyCurve != nullptr && EC_GROUP_set_generator(keyCurve, q, order, BN_value_one()) == 1 &&
           EC_GROUP_precompute_mult(keyCurve, ctx) == 1;
    }
    EC_POINT_free(q);
    if (!ok) return false;
    r = BN_new(); s = BN_new(); e = BN_new(); w = BN_new(); u1 = BN_new(); u2 = BN_new(); x = BN_new();
    p1 = EC_POINT_new(curve);
    p2 = EC_POINT_new(keyCurve);
    return r && s && e && w && u1 && u2 && x && p1 && p2;
  }

  // 1 valid, 0 invalid, -1 an OpenSSL failure (a bug or out of memory, not a bad signature).
  int verify(const unsigned char* message, size_t length, const unsigned char* signature) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(message, length, digest);
    if (BN_bin2bn(signature, 32, r) == nullptr || BN_bin2bn(signature + 32, 32, s) == nullptr ||
        BN_bin2bn(digest, sizeof digest, e) == nullptr)
      return -1;
    if (BN_is_zero(r) || BN_is_zero(s) || BN_cmp(r, order) >= 0 || BN_cmp(s, order) >= 0) return 0;
    if (BN_mod_inverse(w, s, order, ctx) == nullptr) return -1;
    if (BN_mod_mul(u1, e, w, order, ctx) != 1 || BN_mod_mul(u2, r, w, order, ctx) != 1) return -1;
    // u1*G on the usual curve, u2*Q on the key's copy: both fixed-base table walks.
    if (EC_POINT_mul(curve, p1, u1, nullptr, nullptr, ctx) != 1) return -1;
    if (EC_POINT_mul(keyCurve, p2, u2, nullptr, nullptr, ctx) != 1) return -1;
    if (EC_POINT_add(curve, p1, p1, p2, ctx) != 1) return -1;
    if (EC_POINT_is_at_infinity(curve, p1) == 1) return 0;
    if (EC_POINT_get_affine_coordinates(curve, p1, x, nullptr, ctx) != 1) return -1;
    if (BN_nnmod(x, x, order, ctx) != 1) return -1;
    return BN_cmp(x, r) == 0 ? 1 : 0;
  }
};

void finalize(napi_env, void* data, void*) { delete static_cast<Verifier*>(data); }

napi_value fail(napi_env env, const char* message) {
  napi_throw_error(env, nullptr, message);
  return nullptr;
}

bool bytesOf(napi_env env, napi_value value, unsigned char** data, size_t* length) {
  bool isTyped = false;
  if (napi_is_typedarray(env, value, &isTyped) != napi_ok || !isTyped) return false;
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  void* raw;
  if (napi_get_typedarray_info(env, value, &type, length, &raw, &buffer, &offset) != napi_ok) return false;
  if (type != napi_uint8_array) return false;
  *data = static_cast<unsigned char*>(raw);
  return true;
}

// createVerifier(uncompressedPoint: Uint8Array(65)): object
napi_value createVerifier(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  unsigned char* point;
  size_t length;
  if (argc < 1 || !bytesOf(env, argv[0], &point, &length) || length != 65 || point[0] != 4)
    return fail(env, "createVerifier expects the uncompressed P-256 point (65 bytes, 0x04 x y)");
  auto* verifier = new Verifier();
  if (!verifier->init(point, length)) {
    delete verifier;
    return fail(env, "not a usable P-256 public key");
  }
  napi_value handle;
  napi_create_object(env, &handle);
  if (napi_wrap(env, handle, verifier, finalize, nullptr, nullptr) != napi_ok) {
    delete verifier;
    return fail(env, "cannot wrap the verifier");
  }
  return handle;
}

// verify(verifier, message: Uint8Array, signature: Uint8Array(64) r||s): boolean
napi_value verify(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  void* wrapped = nullptr;
  if (argc < 3 || napi_unwrap(env, argv[0], &wrapped) != napi_ok || wrapped == nullptr)
    return fail(env, "verify expects a verifier made by createVerifier");
  unsigned char *message, *signature;
  size_t messageLength, signatureLength;
  if (!bytesOf(env, argv[1], &message, &messageLength) || !bytesOf(env, argv[2], &signature, &signatureLength))
    return fail(env, "verify expects Uint8Array message and signature");
  int outcome = signatureLength == 64 ? static_cast<Verifier*>(wrapped)->verify(message, messageLength, signature) : 0;
  if (outcome < 0) return fail(env, "OpenSSL failed while verifying");
  napi_value result;
  napi_get_boolean(env, outcome == 1, &result);
  return result;
}

}  // namespace

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
      {"createVerifier", nullptr, createVerifier, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"verify", nullptr, verify, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, 2, properties);
  return exports;
}
