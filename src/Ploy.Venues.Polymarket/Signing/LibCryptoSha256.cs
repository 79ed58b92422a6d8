using System.Runtime.InteropServices;

namespace Ploy.Venues.Polymarket.Signing;

/// <summary>
/// OpenSSL 3's SHA-256 in libcrypto (the library .NET itself uses on Linux) through function pointers: only the
/// non-deprecated EVP digest calls. SHA-256 is fetched once and lives for the process.
/// </summary>
internal sealed unsafe class LibCryptoSha256
{
    private static readonly string[] LibraryNames = ["libcrypto.so.3", "libcrypto.so", "libcrypto.3.dylib", "libcrypto-3-x64.dll"];

    private readonly nint _sha256;
    private readonly delegate* unmanaged<nint> _contextNew;
    private readonly delegate* unmanaged<nint, void> _contextFree;
    private readonly delegate* unmanaged<nint, nint, nint, int> _init;
    private readonly delegate* unmanaged<nint, byte*, nuint, int> _update;
    private readonly delegate* unmanaged<nint, byte*, uint*, int> _final;
    private readonly delegate* unmanaged<nint, nint, int> _copy;

    private LibCryptoSha256(nint library, nint sha256)
    {
        _sha256 = sha256;
        _contextNew = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "EVP_MD_CTX_new");
        _contextFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "EVP_MD_CTX_free");
        _init = (delegate* unmanaged<nint, nint, nint, int>)NativeLibrary.GetExport(library, "EVP_DigestInit_ex2");
        _update = (delegate* unmanaged<nint, byte*, nuint, int>)NativeLibrary.GetExport(library, "EVP_DigestUpdate");
        _final = (delegate* unmanaged<nint, byte*, uint*, int>)NativeLibrary.GetExport(library, "EVP_DigestFinal_ex");
        _copy = (delegate* unmanaged<nint, nint, int>)NativeLibrary.GetExport(library, "EVP_MD_CTX_copy_ex");
    }

    /// <summary>Loads libcrypto and fetches SHA-256; null when OpenSSL 3 is not there or refuses it.</summary>
    public static LibCryptoSha256? TryLoad()
    {
        string[] needed = ["EVP_MD_CTX_new", "EVP_MD_CTX_free", "EVP_DigestInit_ex2", "EVP_DigestUpdate", "EVP_DigestFinal_ex", "EVP_MD_CTX_copy_ex"];
        foreach (var name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, out var library)
                || !NativeLibrary.TryGetExport(library, "EVP_MD_fetch", out var fetchExport)
                || !Array.TrueForAll(needed, export => NativeLibrary.TryGetExport(library, export, out _)))
            {
                continue;
            }

            var fetch = (delegate* unmanaged<nint, byte*, byte*, nint>)fetchExport;
            nint sha256;
            fixed (byte* algorithm = "SHA256\0"u8)
            {
                sha256 = fetch(0, algorithm, null);
            }

            if (sha256 != 0)
            {
                return new LibCryptoSha256(library, sha256);
            }
        }

        return null;
    }

    /// <summary>A new context, empty; 0 when OpenSSL could not allocate one.</summary>
    public nint NewContext() => _contextNew();

    /// <summary>Frees a context; OpenSSL cleanses the state it held.</summary>
    public void Free(nint context) => _contextFree(context);

    /// <summary>Starts a SHA-256 on <paramref name="context"/>.</summary>
    public bool Start(nint context) => _init(context, _sha256, 0) == 1;

    /// <summary>Makes <paramref name="destination"/> a copy of <paramref name="source"/>'s running state.</summary>
    public bool Copy(nint destination, nint source) => _copy(destination, source) == 1;

    public bool Append(nint context, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return true;
        }

        fixed (byte* bytes = data)
        {
            return _update(context, bytes, (nuint)data.Length) == 1;
        }
    }

    /// <summary>Writes the 32-byte digest; the context must be started or copied into again before reuse.</summary>
    public bool Finish(nint context, Span<byte> digest)
    {
        fixed (byte* output = digest)
        {
            uint written = 0;
            return digest.Length >= 32 && _final(context, output, &written) == 1 && written == 32;
        }
    }
}
