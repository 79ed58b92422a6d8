using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ploy.Core.Orders;
using Ploy.Core.Primitives;
using Ploy.Venues.Polymarket.Http;
using Ploy.Venues.Polymarket.Orders;
using Ploy.Venues.Polymarket.Signing;

namespace Ploy.Venues.Polymarket.Conformance;

/// <summary>
/// Checks this adapter against vector files in the layout of <c>shared/conformance/polymarket/</c>: the top level
/// and <c>v2/</c> (orders.json, l1_auth.json, l2_hmac.json). <c>v1-legacy/</c> is skipped: production rejects V1
/// orders and this adapter does not sign them. For every vector it recomputes amounts, typed-data hashes, the
/// digest, the signature, the POST body and the headers, prints the first differing field of each failure (never
/// a private key) and ends with <c>N passed, M failed</c>.
/// </summary>
public static partial class PolymarketConformanceRunner
{
    /// <summary>Runs every vector found; returns 0 only when at least one ran and all passed.</summary>
    public static int Run(string vectorsDirectory, TextWriter output) => Run(vectorsDirectory, output, PolymarketSigner.DefaultBackend);

    /// <summary>Same, signing (secp256k1 and the L2 HMAC) with a chosen backend.</summary>
    public static int Run(string vectorsDirectory, TextWriter output, PolymarketSigningBackend backend)
    {
        var state = new RunState(output, backend);
        output.WriteLine($"Polymarket conformance: signing backend {backend}");
        if (!Directory.Exists(vectorsDirectory))
        {
            output.WriteLine($"vectors directory not found: {vectorsDirectory}");
            output.WriteLine("0 passed, 1 failed");
            return 1;
        }

        foreach (var directory in new[] { vectorsDirectory, Path.Combine(vectorsDirectory, "v2") })
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            var orders = Path.Combine(directory, "orders.json");
            if (File.Exists(orders))
            {
                RunFile(state, orders, RunOrders);
            }

            var l1 = Path.Combine(directory, "l1_auth.json");
            if (File.Exists(l1))
            {
                RunFile(state, l1, RunL1);
            }

            var l2 = Path.Combine(directory, "l2_hmac.json");
            if (File.Exists(l2))
            {
                RunFile(state, l2, RunL2);
            }
        }

        if (Directory.Exists(Path.Combine(vectorsDirectory, "v1-legacy")))
        {
            output.WriteLine("skipped v1-legacy/: V1 orders are rejected by production and not implemented");
        }

        if (state.Passed + state.Failed == 0)
        {
            output.WriteLine("no vectors found");
            output.WriteLine("0 passed, 1 failed");
            return 1;
        }

        output.WriteLine($"{state.Passed} passed, {state.Failed} failed");
        return state.Failed == 0 ? 0 : 1;
    }

    private static void RunFile(RunState state, string path, Action<RunState, JsonElement, JsonElement, PolymarketVectorCheck> runVector)
    {
        var label = Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(path)) ?? ".", path);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        foreach (var vector in root.GetProperty("vectors").EnumerateArray())
        {
            var id = vector.TryGetProperty("id", out var idElement) ? idElement.GetString() ?? "?" : "?";
            var check = new PolymarketVectorCheck();
            try
            {
                runVector(state, root, vector, check);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or OverflowException
                or KeyNotFoundException or JsonException)
            {
                // Messages from this adapter never quote keys or secrets.
                check.Fail($"error {ex.GetType().Name}: {ex.Message}");
            }

            if (check.Passed)
            {
                state.Passed++;
            }
            else
            {
                state.Failed++;
                state.Output.WriteLine($"FAIL {id} ({label}): {check.FirstDifference}");
            }
        }
    }

    private static void RunOrders(RunState state, JsonElement root, JsonElement vector, PolymarketVectorCheck check)
    {
        var inputs = vector.GetProperty("inputs");
        var expected = vector.GetProperty("expected");
        if (!inputs.TryGetProperty("order_version", out _))
        {
            check.Fail("V1 order vector: V1 signing is not implemented (production rejects V1 orders)");
            return;
        }

        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(inputs.GetProperty("private_key").GetString()!), state.Backend);
        if (!check.Equal("signer_address", inputs.GetProperty("signer_address").GetString(), signer.Address))
        {
            return;
        }

        // A vector may record that the client refuses the order (e.g. FOK "no match" on a thin book).
        var expectedError = OptionalString(expected, "error");
        if (expectedError is not null)
        {
            CheckExpectedError(state, vector, check, expectedError, () => RunOrderModes(state, vector, inputs, expected, signer, check));
            return;
        }

        if (RunOrderModes(state, vector, inputs, expected, signer, check) is not { } signed)
        {
            return;
        }

        CheckSignedOrder(state, root, vector, inputs, expected, signer, signed, check);
    }

    private static void CheckExpectedError(RunState state, JsonElement vector, PolymarketVectorCheck check, string expectedError, Func<PolymarketSignedOrder?> build)
    {
        try
        {
            if (build() is not null)
            {
                check.Fail($"error: expected \"{expectedError}\", got a signed order");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // A refusal matches a refusal; the wording is the client's and only informative.
            if (!ex.Message.Contains(expectedError, StringComparison.OrdinalIgnoreCase))
            {
                state.Output.WriteLine($"note {vector.GetProperty("id").GetString()}: refused as expected (\"{expectedError}\"), our message: \"{ex.Message}\"");
            }
        }
    }

    private static PolymarketSignedOrder? RunOrderModes(RunState state, JsonElement vector, JsonElement inputs, JsonElement expected, PolymarketSigner signer,
        PolymarketVectorCheck check)
    {
        var version = inputs.GetProperty("order_version").GetInt32() == 3 ? PolymarketExchangeVersion.V3 : PolymarketExchangeVersion.V2;
        var chainId = inputs.GetProperty("chain_id").GetInt32();
        var signatureType = (PolymarketSignatureType)inputs.GetProperty("signature_type").GetInt32();
        var side = inputs.GetProperty("side").GetString() == "BUY" ? Side.Buy : Side.Sell;
        var kind = inputs.GetProperty("kind").GetString();
        var tokenId = inputs.GetProperty("token_id").GetString()!;
        var negRisk = inputs.GetProperty("neg_risk").GetBoolean();
        var orderType = ParseOrderType(inputs.GetProperty("order_type").GetString());
        var floatDivergent = vector.TryGetProperty("float_divergent", out var fd) && fd.ValueKind == JsonValueKind.True;
        var salt = inputs.GetProperty("salt").GetUInt64();
        var timestampMs = inputs.GetProperty("timestamp_ms").GetUInt64();
        var metadata = OptionalString(inputs, "metadata");
        var builderCode = OptionalString(inputs, "builder_code");

        foreach (var mode in new[] { PolymarketAmountMode.ExactDecimal, PolymarketAmountMode.ReferenceDouble })
        {
            var attempt = new PolymarketVectorCheck();
            var builder = new PolymarketOrderBuilder(signer, chainId, signatureType, OptionalString(inputs, "funder"),
                OptionalString(inputs, "builder_config_code"), mode);
            PolymarketSignedOrder order;
            switch (kind)
            {
                case "limit":
                    {
                        var tick = TickSize.Of(ParseDecimal(inputs.GetProperty("tick_size")));
                        var args = new PolymarketLimitOrderArgs(tokenId, side, ParseDecimal(inputs.GetProperty("price")), ParseDecimal(inputs.GetProperty("size")),
                            tick, negRisk, version, inputs.GetProperty("expiration").GetUInt64(), metadata, builderCode, Fees(inputs, expected));
                        var amounts = builder.LimitAmounts(args);
                        attempt.Equal("rounded_price", DecimalText(expected, "rounded_price"), Text(amounts.RoundedPrice));
                        order = builder.BuildLimit(args, salt, timestampMs);
                        break;
                    }

                case "market":
                    {
                        var tick = TickSize.Of(ParseDecimal(inputs.GetProperty("tick_size")));
                        var (bids, asks) = Book(inputs);
                        var price = inputs.GetProperty("price").ValueKind == JsonValueKind.Number ? ParseDecimal(inputs.GetProperty("price")) : (decimal?)null;
                        var args = new PolymarketMarketOrderArgs(tokenId, side, ParseDecimal(inputs.GetProperty("amount")), price, tick, orderType, negRisk, version,
                            metadata, builderCode, Fees(inputs, expected), bids, asks);
                        var effective = builder.MarketPrice(args);
                        attempt.Equal("effective_price", DecimalText(expected, "effective_price"), effective is { } e ? Text(e) : null);
                        if (effective is { } p)
                        {
                            attempt.Equal("rounded_price", DecimalText(expected, "rounded_price"), Text(builder.MarketAmounts(args, p).RoundedPrice));
                        }

                        order = builder.BuildMarket(args, salt, timestampMs);
                        break;
                    }

                case "exact_amounts":
                    {
                        var args = new PolymarketExactAmountOrderArgs(tokenId, side,
                            ulong.Parse(inputs.GetProperty("exact_maker_amount").GetString()!, NumberStyles.None, CultureInfo.InvariantCulture),
                            ulong.Parse(inputs.GetProperty("exact_taker_amount").GetString()!, NumberStyles.None, CultureInfo.InvariantCulture),
                            negRisk, inputs.GetProperty("expiration").GetUInt64(), metadata, builderCode);
                        order = builder.BuildFromAmounts(args, salt, timestampMs);
                        break;
                    }

                default:
                    check.Fail($"unknown kind {kind}");
                    return null;
            }

            attempt.Equal("maker_amount", expected.GetProperty("maker_amount").GetString(), Text(order.Order.MakerAmount));
            attempt.Equal("taker_amount", expected.GetProperty("taker_amount").GetString(), Text(order.Order.TakerAmount));
            if (attempt.Passed)
            {
                if (mode == PolymarketAmountMode.ReferenceDouble)
                {
                    state.Output.WriteLine($"note {vector.GetProperty("id").GetString()}: float_divergent, reproduced with the reference binary64 amounts");
                }

                return order;
            }

            // Exact decimal is the production algorithm: only a flagged vector may need the binary64 emulation.
            if (mode == PolymarketAmountMode.ReferenceDouble || !floatDivergent)
            {
                check.Fail(attempt.FirstDifference!);
                return null;
            }
        }

        return null;
    }

    private static void CheckSignedOrder(RunState state, JsonElement root, JsonElement vector, JsonElement inputs, JsonElement expected, PolymarketSigner signer,
        PolymarketSignedOrder signed, PolymarketVectorCheck check)
    {
        var creds = root.GetProperty("api_creds");
        var chainId = inputs.GetProperty("chain_id").GetInt32();
        var version = inputs.GetProperty("order_version").GetInt32() == 3 ? PolymarketExchangeVersion.V3 : PolymarketExchangeVersion.V2;
        var negRisk = inputs.GetProperty("neg_risk").GetBoolean();
        var orderType = ParseOrderType(inputs.GetProperty("order_type").GetString());
        var o = signed.Order;
        var domain = PolymarketExchangeDomain.For(chainId, version, negRisk);
        Span<byte> structHash = stackalloc byte[32];
        PolymarketEip712.HashOrder(o, structHash);

        _ = check.Equal("side_value", expected.GetProperty("side_value").GetRawText(), ((int)o.Side).ToString(CultureInfo.InvariantCulture))
            && check.EqualHex("exchange_address", expected.GetProperty("exchange_address").GetString(), domain.VerifyingContract)
            && check.Equal("domain_version", OptionalString(expected, "domain_version") ?? domain.VersionString, domain.VersionString)
            && CheckTypedData(check, expected.GetProperty("typed_data"), o, domain)
            && check.EqualHex("domain_separator", expected.GetProperty("domain_separator").GetString(), PolymarketHex.Encode(domain.Separator))
            && check.EqualHex("struct_hash", expected.GetProperty("struct_hash").GetString(), PolymarketHex.Encode(structHash))
            && check.EqualHex("digest", expected.GetProperty("digest").GetString(), signed.OrderHash)
            && CheckPoly1271(check, expected, signed, domain, structHash, signer.Address)
            && check.EqualHex("signature", expected.GetProperty("signature").GetString(), signed.Signature)
            && CheckRecovery(check, signed, signer.Address);
        if (!check.Passed)
        {
            return;
        }

        var post = expected.GetProperty("post_request");
        var owner = inputs.GetProperty("owner").GetString()!;
        var body = PolymarketRequestBodies.Order(signed, owner, orderType, inputs.GetProperty("post_only").GetBoolean(), inputs.GetProperty("defer_exec").GetBoolean());
        var bodyText = Encoding.UTF8.GetString(body);
        if (!check.Equal("post_request.body", post.GetProperty("body").GetString(), bodyText))
        {
            return;
        }

        var credentials = new PolymarketApiCredentials(owner, creds.GetProperty("secret").GetString()!, creds.GetProperty("passphrase").GetString()!);
        var timestamp = inputs.GetProperty("post_timestamp").GetInt64();
        var path = post.TryGetProperty("path", out var pathElement) ? pathElement.GetString()! : "/order";
        if (post.TryGetProperty("hmac_message", out var message)
            && !check.Equal("post_request.hmac_message", message.GetString(), timestamp.ToString(CultureInfo.InvariantCulture) + "POST" + path + bodyText))
        {
            return;
        }

        using var l2 = new PolymarketL2Signer(credentials, signer.Address, state.Backend);
        var headers = l2.CreateHeaders(timestamp, "POST", path, body);
        CheckHeaders(check, "post_request.headers", post.GetProperty("headers"), headers.AsPairs());
        state.SignedOrders[vector.GetProperty("id").GetString()!] = signed;
    }

    private static bool CheckTypedData(PolymarketVectorCheck check, JsonElement typedData, PolymarketOrder o, PolymarketExchangeDomain domain)
    {
        var d = typedData.GetProperty("domain");
        var m = typedData.GetProperty("message");
        return check.Equal("typed_data.primaryType", typedData.GetProperty("primaryType").GetString(), "Order")
            && check.Equal("typed_data.domain.name", d.GetProperty("name").GetString(), PolymarketEip712.ExchangeDomainName)
            && check.Equal("typed_data.domain.version", d.GetProperty("version").GetString(), domain.VersionString)
            && check.Equal("typed_data.domain.chainId", d.GetProperty("chainId").GetRawText(), domain.ChainId.ToString(CultureInfo.InvariantCulture))
            && check.EqualHex("typed_data.domain.verifyingContract", d.GetProperty("verifyingContract").GetString(), domain.VerifyingContract)
            && check.Equal("typed_data.types.Order", TypeString("Order", typedData.GetProperty("types").GetProperty("Order")), PolymarketEip712.OrderType)
            && check.Equal("typed_data.message.salt", m.GetProperty("salt").GetString(), Text(o.Salt))
            && check.Equal("typed_data.message.maker", m.GetProperty("maker").GetString(), o.Maker)
            && check.Equal("typed_data.message.signer", m.GetProperty("signer").GetString(), o.Signer)
            && check.Equal("typed_data.message.tokenId", m.GetProperty("tokenId").GetString(), o.TokenId)
            && check.Equal("typed_data.message.makerAmount", m.GetProperty("makerAmount").GetString(), Text(o.MakerAmount))
            && check.Equal("typed_data.message.takerAmount", m.GetProperty("takerAmount").GetString(), Text(o.TakerAmount))
            && check.Equal("typed_data.message.side", m.GetProperty("side").GetRawText(), ((int)o.Side).ToString(CultureInfo.InvariantCulture))
            && check.Equal("typed_data.message.signatureType", m.GetProperty("signatureType").GetRawText(), ((int)o.SignatureType).ToString(CultureInfo.InvariantCulture))
            && check.Equal("typed_data.message.timestamp", m.GetProperty("timestamp").GetString(), Text(o.TimestampMs))
            && check.EqualHex("typed_data.message.metadata", m.GetProperty("metadata").GetString(), o.Metadata)
            && check.EqualHex("typed_data.message.builder", m.GetProperty("builder").GetString(), o.Builder);
    }

    private static bool CheckPoly1271(PolymarketVectorCheck check, JsonElement expected, PolymarketSignedOrder signed, PolymarketExchangeDomain domain,
        ReadOnlySpan<byte> structHash, string ownerAddress)
    {
        var isWrapped = signed.Order.SignatureType == PolymarketSignatureType.Poly1271;
        var kind = OptionalString(expected, "signature_kind");
        if (kind is not null && !check.Equal("signature_kind", kind, isWrapped ? "erc7739_wrapped" : "ecdsa"))
        {
            return false;
        }

        if (!isWrapped || !expected.TryGetProperty("poly_1271", out var p) || p.ValueKind != JsonValueKind.Object)
        {
            return check.Passed;
        }

        Span<byte> innerStruct = stackalloc byte[32];
        Span<byte> innerDigest = stackalloc byte[32];
        PolymarketEip712.HashTypedDataSign(structHash, domain.ChainId, signed.Order.Signer, innerStruct);
        PolymarketEip712.Digest(domain.Separator, innerStruct, innerDigest);
        var signature = PolymarketHex.Decode(signed.Signature);
        var inner = signature.AsSpan(0, 65);
        return check.EqualHex("poly_1271.inner_struct_hash", p.GetProperty("inner_struct_hash").GetString(), PolymarketHex.Encode(innerStruct))
            && check.EqualHex("poly_1271.inner_digest", p.GetProperty("inner_digest").GetString(), PolymarketHex.Encode(innerDigest))
            && check.EqualHex("poly_1271.inner_signature", p.GetProperty("inner_signature").GetString(), PolymarketHex.Encode(inner))
            && check.EqualHex("poly_1271.app_domain_separator", p.GetProperty("app_domain_separator").GetString(), PolymarketHex.Encode(domain.Separator))
            && check.EqualHex("poly_1271.contents_hash", p.GetProperty("contents_hash").GetString(), PolymarketHex.Encode(structHash))
            && check.Equal("poly_1271.contents_type", p.GetProperty("contents_type").GetString(), PolymarketEip712.OrderType)
            && check.Equal("poly_1271.signature_length_bytes", p.GetProperty("signature_length_bytes").GetRawText(), Text((ulong)signature.Length))
            && check.EqualHex("poly_1271.owner_eoa (recovered)", p.GetProperty("owner_eoa").GetString(), PolymarketSigner.RecoverAddress(innerDigest, inner, PolymarketSigningBackend.Managed))
            && check.EqualHex("poly_1271.owner_eoa", p.GetProperty("owner_eoa").GetString(), ownerAddress);
    }

    private static bool CheckRecovery(PolymarketVectorCheck check, PolymarketSignedOrder signed, string address)
    {
        if (signed.Order.SignatureType == PolymarketSignatureType.Poly1271)
        {
            return check.Passed;
        }

        // Recover with the managed backend: an independent check of whichever backend signed.
        var recovered = PolymarketSigner.RecoverAddress(PolymarketHex.Decode(signed.OrderHash), PolymarketHex.Decode(signed.Signature), PolymarketSigningBackend.Managed);
        return check.EqualHex("signature (recovered signer)", address, recovered);
    }

    private static void RunL1(RunState state, JsonElement root, JsonElement vector, PolymarketVectorCheck check)
    {
        var inputs = vector.GetProperty("inputs");
        var expected = vector.GetProperty("expected");
        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(inputs.GetProperty("private_key").GetString()!), state.Backend);
        var chainId = inputs.GetProperty("chain_id").GetInt32();
        var timestamp = inputs.GetProperty("timestamp").GetInt64();
        var nonce = inputs.GetProperty("nonce").GetUInt64();
        Span<byte> structHash = stackalloc byte[32];
        PolymarketEip712.HashClobAuth(signer.Address, timestamp, nonce, structHash);
        var headers = PolymarketL1Auth.CreateHeaders(signer, chainId, timestamp, nonce);
        var typed = expected.GetProperty("typed_data");
        var message = typed.GetProperty("message");
        _ = check.Equal("address", inputs.GetProperty("address").GetString(), signer.Address)
            && check.Equal("typed_data.domain.name", typed.GetProperty("domain").GetProperty("name").GetString(), "ClobAuthDomain")
            && check.Equal("typed_data.types.ClobAuth", TypeString("ClobAuth", typed.GetProperty("types").GetProperty("ClobAuth")), PolymarketEip712.ClobAuthType)
            && check.Equal("typed_data.message.timestamp", message.GetProperty("timestamp").GetString(), Text((ulong)timestamp))
            && check.Equal("typed_data.message.message", message.GetProperty("message").GetString(), PolymarketEip712.ClobAuthMessage)
            && check.EqualHex("domain_separator", expected.GetProperty("domain_separator").GetString(), PolymarketHex.Encode(PolymarketEip712.ClobAuthDomainSeparator(chainId)))
            && check.EqualHex("struct_hash", expected.GetProperty("struct_hash").GetString(), PolymarketHex.Encode(structHash))
            && check.EqualHex("digest", expected.GetProperty("digest").GetString(), PolymarketHex.Encode(PolymarketL1Auth.Digest(chainId, signer.Address, timestamp, nonce)))
            && check.EqualHex("signature", expected.GetProperty("signature").GetString(), headers.Signature);
        if (check.Passed)
        {
            CheckHeaders(check, "headers", expected.GetProperty("headers"), headers.AsPairs());
        }
    }

    private static void RunL2(RunState state, JsonElement root, JsonElement vector, PolymarketVectorCheck check)
    {
        var inputs = vector.GetProperty("inputs");
        var expected = vector.GetProperty("expected");
        var timestamp = inputs.GetProperty("timestamp").GetInt64();
        var method = inputs.GetProperty("method").GetString()!;
        var path = inputs.GetProperty("request_path").GetString()!;
        var body = OptionalString(inputs, "body");
        var bodyBytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var messageText = timestamp.ToString(CultureInfo.InvariantCulture) + method + path + (body ?? string.Empty);
        var credentials = new PolymarketApiCredentials("-", inputs.GetProperty("secret").GetString()!, "-");
        string signature;
        using (var hmacOnly = new PolymarketL2Signer(credentials, "-", state.Backend))
        {
            signature = hmacOnly.Sign(timestamp, method, path, bodyBytes);
        }

        if (!(check.Equal("message", expected.GetProperty("message").GetString(), messageText)
              && check.EqualHex("message_utf8_hex", expected.GetProperty("message_utf8_hex").GetString(), Convert.ToHexStringLower(Encoding.UTF8.GetBytes(messageText)))
              && check.Equal("signature", expected.GetProperty("signature").GetString(), signature)))
        {
            return;
        }

        if (!vector.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        using var signer = new PolymarketSigner(PolymarketPrivateKey.Parse(request.GetProperty("signer_private_key").GetString()!), state.Backend);
        var full = new PolymarketApiCredentials(request.GetProperty("api_key").GetString()!, inputs.GetProperty("secret").GetString()!,
            request.GetProperty("passphrase").GetString()!);
        using var l2 = new PolymarketL2Signer(full, signer.Address, state.Backend);
        var headers = l2.CreateHeaders(timestamp, method, path, bodyBytes);
        _ = check.Equal("request.path", request.GetProperty("path").GetString(), path)
            && check.Equal("request.body", OptionalString(request, "body") ?? string.Empty, body ?? string.Empty);
        if (check.Passed)
        {
            CheckHeaders(check, "request.headers", request.GetProperty("headers"), headers.AsPairs());
        }

        if (check.Passed && body is not null && vector.TryGetProperty("source", out var source))
        {
            CheckRebuiltBatch(state, check, source.GetString() ?? string.Empty, full.Key, body);
        }
    }

    // A captured V2 postOrders batch whose orders are vectors of this run: rebuild the body from our signed orders.
    private static void CheckRebuiltBatch(RunState state, PolymarketVectorCheck check, string source, string owner, string body)
    {
        if (!source.StartsWith("ClobClient.postOrders(", StringComparison.Ordinal))
        {
            return;
        }

        var entries = new List<(PolymarketSignedOrder, OrderType)>();
        foreach (Match match in BatchEntry().Matches(source))
        {
            if (!state.SignedOrders.TryGetValue(match.Groups[1].Value, out var order))
            {
                return; // e.g. a V1-format batch: not ours to rebuild
            }

            entries.Add((order, ParseOrderType(match.Groups[2].Value)));
        }

        if (entries.Count == 0)
        {
            return;
        }

        var postOnly = source.Contains("], true", StringComparison.Ordinal);
        var deferExec = source.Contains("], true, true", StringComparison.Ordinal) || source.Contains("], false, true", StringComparison.Ordinal);
        var rebuilt = Encoding.UTF8.GetString(PolymarketRequestBodies.Orders(entries, owner, postOnly, deferExec));
        check.Equal("body (rebuilt batch)", body, rebuilt);
    }

    private static void CheckHeaders(PolymarketVectorCheck check, string field, JsonElement expected, IEnumerable<KeyValuePair<string, string>> actual)
    {
        var ours = actual.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var header in expected.EnumerateObject())
        {
            if (!check.Equal($"{field}.{header.Name}", header.Value.GetString(), ours.GetValueOrDefault(header.Name)))
            {
                return;
            }
        }

        check.Equal($"{field} (count)", Text((ulong)expected.EnumerateObject().Count()), Text((ulong)ours.Count));
    }

    private static PolymarketFeeContext? Fees(JsonElement inputs, JsonElement expected)
    {
        if (inputs.GetProperty("user_usdc_balance").ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var balance = ParseDecimal(inputs.GetProperty("user_usdc_balance"));
        var slippage = inputs.TryGetProperty("fee_slippage", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0;
        if (expected.TryGetProperty("fee_adjustment", out var fa) && fa.ValueKind == JsonValueKind.Object)
        {
            return new PolymarketFeeContext(balance, fa.GetProperty("fee_rate").GetDouble(), fa.GetProperty("fee_exponent").GetDouble(),
                fa.TryGetProperty("builder_taker_fee_rate", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDouble() : 0, slippage);
        }

        // Otherwise the market data the mock served: fd.r / fd.e and the builder taker bps.
        double rate = 0, exponent = 0, builder = 0;
        if (inputs.GetProperty("client_call").TryGetProperty("market_data_served", out var served))
        {
            foreach (var entry in served.EnumerateObject())
            {
                if (entry.Name.StartsWith("/clob-markets/", StringComparison.Ordinal) && entry.Value.TryGetProperty("fd", out var fd))
                {
                    rate = fd.TryGetProperty("r", out var r) ? r.GetDouble() : 0;
                    exponent = fd.TryGetProperty("e", out var e) ? e.GetDouble() : 0;
                }
                else if (entry.Name.StartsWith("/fees/builder-fees/", StringComparison.Ordinal)
                    && entry.Value.TryGetProperty("builder_taker_fee_rate_bps", out var bps))
                {
                    builder = bps.GetDouble() / 10_000;
                }
            }
        }

        return new PolymarketFeeContext(balance, rate, exponent, builder, slippage);
    }

    private static (List<PolymarketBookLevel> Bids, List<PolymarketBookLevel> Asks) Book(JsonElement inputs)
    {
        var bids = new List<PolymarketBookLevel>();
        var asks = new List<PolymarketBookLevel>();
        if (inputs.TryGetProperty("book", out var book) && book.ValueKind == JsonValueKind.Object)
        {
            foreach (var (name, list) in new[] { ("bids", bids), ("asks", asks) })
            {
                if (book.TryGetProperty(name, out var levels))
                {
                    foreach (var level in levels.EnumerateArray())
                    {
                        list.Add(new PolymarketBookLevel(ParseDecimal(level.GetProperty("price")), ParseDecimal(level.GetProperty("size"))));
                    }
                }
            }
        }

        return (bids, asks);
    }

    private static string TypeString(string name, JsonElement fields) =>
        name + "(" + string.Join(",", fields.EnumerateArray().Select(f => f.GetProperty("type").GetString() + " " + f.GetProperty("name").GetString())) + ")";

    private static OrderType ParseOrderType(string? text) => text switch
    {
        "GTC" => OrderType.Gtc,
        "GTD" => OrderType.Gtd,
        "FOK" => OrderType.Fok,
        "FAK" => OrderType.Fak,
        _ => throw new FormatException($"Unknown order type {text}."),
    };

    private static decimal ParseDecimal(JsonElement element) =>
        decimal.Parse(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string? DecimalText(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.Number or JsonValueKind.String ? Text(ParseDecimal(value)) : null;

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"order: ([\w-]+), orderType: (\w+)")]
    private static partial Regex BatchEntry();

    private sealed class RunState(TextWriter output, PolymarketSigningBackend backend)
    {
        public TextWriter Output { get; } = output;

        public PolymarketSigningBackend Backend { get; } = backend;

        public int Passed { get; set; }

        public int Failed { get; set; }

        public Dictionary<string, PolymarketSignedOrder> SignedOrders { get; } = new(StringComparer.Ordinal);
    }
}
