using R3mes.Sidecar.Output;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

public sealed class SecretRendererTests
{
    private const string Canary = "CANARY-91e4";

    [Fact]
    public void Render_Template_OverFields()
    {
        var data = Fields(("username", "backend"), ("password", "p@ss"));

        var file = Assert.Single(SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Template("database_url", "postgresql://{{ username }}:{{ password | url }}@db")]), data));

        Assert.Equal("postgresql://backend:p%40ss@db", file.Content.RevealUtf8());
    }

    [Fact]
    public void Render_FileKey_BeatsSecretKey()
    {
        var data = Fields(("a", "from-a"), ("b", "from-b"));
        var secret = Specs.Secret(new FakeSecretSource(), [Specs.Field("one", "b"), Specs.Field("two", null)], key: "a");

        var files = SecretRenderer.Render(secret, data);

        Assert.Equal(["from-b", "from-a"], files.Select(f => f.Content.RevealUtf8()));
    }

    [Fact]
    public void Render_NoKey_WholeValue()
    {
        var data = new SecretData(SecretValue.FromUtf8("{\"jwt_secret\":\"field\"}"), Fields(("jwt_secret", "field")).Fields, Freshness.Unknown);

        var file = Assert.Single(SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Field("jwt_secret", null)]), data));

        Assert.Equal("{\"jwt_secret\":\"field\"}", file.Content.RevealUtf8());
    }

    [Fact]
    public void Render_DirectorySourceWithoutKey_FieldNamedLikeFile()
    {
        var data = Fields(("jwt_secret", "jwt"), ("redis_password", "redis"));
        var secret = Specs.Secret(new FakeSecretSource(), [Specs.Field("redis_password", null), Specs.Field("jwt_secret", null)]);

        Assert.Equal(["redis", "jwt"], SecretRenderer.Render(secret, data).Select(f => f.Content.RevealUtf8()));
    }

    [Fact]
    public void Render_ValuePseudoField_WholeValueInTemplate()
    {
        var data = new SecretData(SecretValue.FromUtf8("raw-token"), null, Freshness.Unknown);

        var file = Assert.Single(SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Template("env", "TOKEN={{ value }}")]), data));

        Assert.Equal("TOKEN=raw-token", file.Content.RevealUtf8());
    }

    [Fact]
    public void Render_RealFieldNamedValue_BeatsWholeValue()
    {
        var data = new SecretData(SecretValue.FromUtf8("{\"value\":\"inner\"}"), Fields(("value", "inner")).Fields, Freshness.Unknown);

        Assert.Equal("inner", Assert.Single(SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Template("f", "{{ value }}")]), data)).Content.RevealUtf8());
    }

    [Fact]
    public void Render_Base64Decode_DecodedBytes()
    {
        var data = Fields(("keystore", "AP8Q\n"));

        var file = Assert.Single(SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Field("keystore.p12", "keystore", base64Decode: true)]), data));

        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10 }, file.Content.Reveal().ToArray());
    }

    [Fact]
    public void Render_TargetCarriesModeOwnerAndUpdatePolicy()
    {
        var spec = new FileSpec("validator_key", new FileContent(null, null, false), UnixFileMode.UserRead, 1025, 1026);
        var data = new SecretData(SecretValue.FromUtf8("k"), null, Freshness.Unknown);

        var never = Assert.Single(SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [spec], update: UpdatePolicy.Never), data));
        var always = Assert.Single(SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [spec]), data));

        Assert.Equal(new FileTarget("validator_key", UnixFileMode.UserRead, 1025, 1026, MayReplace: false), never.Target);
        Assert.True(always.Target.MayReplace);
    }

    [Fact]
    public void Render_MissingField_NamesSecretAndFileNotValues()
    {
        var data = Fields(("username", Canary + "-u"), ("token", Canary + "-t"));
        var secret = Specs.Secret(new FakeSecretSource(), [Specs.Field("postgres_password", "password")], name: "postgres");

        var error = Assert.Throws<SecretFormatException>(() => SecretRenderer.Render(secret, data));

        Assert.Equal("secret 'postgres', file postgres_password: field 'password' is missing (the secret has: token, username)", error.Message);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_JsonWithOneUnreadableField_FilesThatDoNotNeedItRender()
    {
        SecretJson.TryReadObject(SecretValue.FromUtf8("{\"username\": \"u\", \"note\": \"\\ud800\"}"), out var fields);
        var data = new SecretData(null, fields, Freshness.Unknown);

        var file = Assert.Single(SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Template("user", "{{ username }}")]), data));
        var error = Assert.Throws<SecretFormatException>(() => SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Field("note", "note")]), data));
        var templated = Assert.Throws<SecretFormatException>(() => SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Template("note", "x{{ note }}")]), data));

        Assert.Equal("u", file.Content.RevealUtf8());
        Assert.Equal("secret 'app', file note: field 'note' is a JSON string that is not valid text (a lone \\u surrogate escape or bytes that are not UTF-8), so it was left out; fix the value at its source", error.Message);
        Assert.Contains("is a JSON string that is not valid text", templated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_KeyOfAPlainValue_SaysTheValueHasNoFields()
    {
        var data = new SecretData(SecretValue.FromUtf8("{" + Canary), null, Freshness.Unknown);

        var error = Assert.Throws<SecretFormatException>(() => SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Field("api_secret_key", "api_key")]), data));
        var whole = Assert.Single(SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Field("pw", null)]), data));

        Assert.Equal("secret 'app', file api_secret_key: field 'api_key' is missing: the value is not a JSON object, so it has no fields (drop key: to use the whole value)", error.Message);
        Assert.Equal("{" + Canary, whole.Content.RevealUtf8());
    }

    [Fact]
    public void Render_BadBase64_NamesSecretAndFileNotValue()
    {
        var data = Fields(("k", Canary + "%%%"));

        var error = Assert.Throws<SecretFormatException>(() =>
            SecretRenderer.Render(Specs.Secret(new FakeSecretSource(), [Specs.Field("keystore", "k", base64Decode: true)]), data));

        Assert.Equal("secret 'app', file keystore: the value is not valid base64", error.Message);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OneBadFile_ThrowsForTheWholeSecret()
    {
        var data = Fields(("username", "u"));
        var secret = Specs.Secret(new FakeSecretSource(), [Specs.Template("a_user", "{{ username }}"), Specs.Template("b_password", "{{ password }}"), Specs.Template("c_user", "{{ username }}")]);

        var error = Assert.Throws<SecretFormatException>(() => SecretRenderer.Render(secret, data));

        Assert.Contains("file b_password", error.Message, StringComparison.Ordinal);
    }

    private static SecretData Fields(params (string Name, string Value)[] fields) =>
        new(null, fields.ToDictionary(f => f.Name, f => SecretValue.FromUtf8(f.Value), StringComparer.Ordinal), Freshness.Unknown);
}
