using System.Runtime.InteropServices;

namespace Ploy.Venues.Polymarket.Signing;

/// <summary>
/// libsecp256k1 through function pointers. Debian's <c>libsecp256k1-1</c> (0.2.0) is built with the recovery
/// module; its default nonce function is RFC 6979 and it always emits low-s, so its signatures are byte-identical
/// to ethers/viem. The context is created once and only read afterwards, which the library documents as safe to
/// share between threads.
/// </summary>
internal sealed unsafe class Secp256k1Native : ISecp256k1
{
    private const uint ContextSignVerify = 0x0301; // SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY
    private const uint EcUncompressed = 0x0002;

    private static readonly string[] LibraryNames = ["libsecp256k1.so.1", "libsecp256k1.so", "libsecp256k1.so.2", "libsecp256k1.dylib", "libsecp256k1.dll", "secp256k1"];

    private readonly nint _context;
    private readonly delegate* unmanaged<nint, byte*, byte*, int> _pubkeyCreate;
    private readonly delegate* unmanaged<nint, byte*, nuint*, byte*, uint, int> _pubkeySerialize;
    private readonly delegate* unmanaged<nint, byte*, byte*, byte*, nint, nint, int> _signRecoverable;
    private readonly delegate* unmanaged<nint, byte*, int*, byte*, int> _serializeCompact;
    private readonly delegate* unmanaged<nint, byte*, byte*, int, int> _parseCompact;
    private readonly delegate* unmanaged<nint, byte*, byte*, byte*, int> _recover;

    private Secp256k1Native(nint library)
    {
        var create = (delegate* unmanaged<uint, nint>)NativeLibrary.GetExport(library, "secp256k1_context_create");
        _pubkeyCreate = (delegate* unmanaged<nint, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ec_pubkey_create");
        _pubkeySerialize = (delegate* unmanaged<nint, byte*, nuint*, byte*, uint, int>)NativeLibrary.GetExport(library, "secp256k1_ec_pubkey_serialize");
        _signRecoverable = (delegate* unmanaged<nint, byte*, byte*, byte*, nint, nint, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_sign_recoverable");
        _serializeCompact = (delegate* unmanaged<nint, byte*, int*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_recoverable_signature_serialize_compact");
        _parseCompact = (delegate* unmanaged<nint, byte*, byte*, int, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_recoverable_signature_parse_compact");
        _recover = (delegate* unmanaged<nint, byte*, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_recover");
        _context = create(ContextSignVerify);
        if (_context == 0)
        {
            throw new InvalidOperationException("secp256k1_context_create failed.");
        }
    }

    public PolymarketSigningBackend Backend => PolymarketSigningBackend.Native;

    /// <summary>Loads the library; null when it is not installed or lacks the recovery module.</summary>
    public static Secp256k1Native? TryLoad()
    {
        foreach (var name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, typeof(Secp256k1Native).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.System32, out var handle)
                && !NativeLibrary.TryLoad(name, out handle))
            {
                continue;
            }

            if (NativeLibrary.TryGetExport(handle, "secp256k1_ecdsa_sign_recoverable", out _)
                && NativeLibrary.TryGetExport(handle, "secp256k1_ecdsa_recover", out _))
            {
                return new Secp256k1Native(handle);
            }
        }

        return null;
    }

    public void GetPublicKey(ReadOnlySpan<byte> secretKey, Span<byte> publicKey64)
    {
        Check(secretKey.Length == 32 && publicKey64.Length >= 64);
        byte* pubkey = stackalloc byte[64];
        byte* serialized = stackalloc byte[65];
        nuint length = 65;
        fixed (byte* seckey = secretKey)
        {
            if (_pubkeyCreate(_context, pubkey, seckey) != 1)
            {
                throw new ArgumentException("Invalid secp256k1 private key.", nameof(secretKey));
            }
        }

        _pubkeySerialize(_context, serialized, &length, pubkey, EcUncompressed);
        new ReadOnlySpan<byte>(serialized + 1, 64).CopyTo(publicKey64);
    }

    public void Sign(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> publicKey64, Span<byte> signature65)
    {
        Check(digest32.Length == 32 && secretKey.Length == 32 && signature65.Length >= 65);
        byte* signature = stackalloc byte[65];
        int recoveryId;
        fixed (byte* message = digest32)
        fixed (byte* seckey = secretKey)
        fixed (byte* output = signature65)
        {
            // Null nonce function = secp256k1_nonce_function_default (RFC 6979 with HMAC-SHA256).
            if (_signRecoverable(_context, signature, message, seckey, 0, 0) != 1)
            {
                throw new ArgumentException("Invalid secp256k1 private key.", nameof(secretKey));
            }

            _serializeCompact(_context, output, &recoveryId, signature);
        }

        signature65[64] = (byte)(27 + recoveryId);
    }

    public bool TryRecover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64)
    {
        Check(digest32.Length == 32 && signature65.Length == 65 && publicKey64.Length >= 64);
        var v = signature65[64];
        var recoveryId = v >= 27 ? v - 27 : v;
        if (recoveryId is < 0 or > 3)
        {
            return false;
        }

        byte* signature = stackalloc byte[65];
        byte* pubkey = stackalloc byte[64];
        byte* serialized = stackalloc byte[65];
        nuint length = 65;
        fixed (byte* compact = signature65)
        fixed (byte* message = digest32)
        {
            if (_parseCompact(_context, signature, compact, recoveryId) != 1 || _recover(_context, pubkey, signature, message) != 1)
            {
                return false;
            }
        }

        _pubkeySerialize(_context, serialized, &length, pubkey, EcUncompressed);
        new ReadOnlySpan<byte>(serialized + 1, 64).CopyTo(publicKey64);
        return true;
    }

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new ArgumentException("Wrong buffer length for secp256k1.");
        }
    }
}
