using R3mes.Sidecar.Operator.Catalog;
using R3mes.Sidecar.Operator.Store;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Create;

/// <summary>
/// <c>secrets create</c>: every missing R3MES secret, generated or imported; existing files are kept unless
/// <c>--force</c>. Imports are read and checked before anything is written. Prints names, never values.
/// </summary>
internal sealed class CreateOperation(TimeProvider time, TextWriter output)
{
    public void Run(string directory, IReadOnlyList<SecretImport> imports, bool force, string postgresUser)
    {
        ArgumentNullException.ThrowIfNull(imports);
        var store = SecretDirectory.Open(directory, create: true);
        var imported = imports.ToDictionary(i => i.Secret.Name, i => i.Value, StringComparer.Ordinal);
        foreach (var (name, value) in imported)
        {
            var fileName = R3mesCatalog.Find(name)!.FileName;
            if (!force && store.Read(fileName) is { } existing && !existing.Equals(value))
            {
                throw new OperatorException($"{store.PathOf(fileName)} exists with another value: nothing was written; pass --force to replace it");
            }
        }

        foreach (var secret in R3mesCatalog.All)
        {
            if (imported.TryGetValue(secret.Name, out var value))
            {
                Report(store, secret, store.Write(secret.FileName, value, force), "imported");
                continue;
            }

            if (secret.Kind == SecretKind.TlsPair)
            {
                CreateTlsPair(store, secret, force);
                continue;
            }

            if (store.Exists(secret.FileName) && (!force || secret.Kind == SecretKind.Imported))
            {
                output.WriteLine(secret.Kind == SecretKind.Imported
                    ? $"kept     {secret.FileName} (exists; changes only with --import {secret.Name}=PATH --force)"
                    : $"kept     {secret.FileName} (exists; --force replaces it)");
                continue;
            }

            switch (secret.Kind)
            {
                case SecretKind.Generated:
                    Report(store, secret, store.Write(secret.FileName, SecretGenerator.New(secret), replace: true), "created");
                    break;
                case SecretKind.Named:
                    Report(store, secret, store.Write(secret.FileName, SecretValue.FromUtf8(postgresUser), replace: true), "created");
                    break;
                case SecretKind.Imported when !store.Exists(secret.FileName):
                    output.WriteLine($"missing  {secret.FileName}: never invented; import it with --import {secret.Name}=PATH");
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Certificate and key are made together: both or neither (a lone half is reported, not paired with a new one).</summary>
    private void CreateTlsPair(SecretDirectory store, R3mesSecret secret, bool force)
    {
        if (secret.Name != "ssl_certificate")
        {
            return;
        }

        var present = new[] { "ssl_certificate.txt", "ssl_private_key.txt" }.Count(store.Exists);
        if (present == 2 && !force)
        {
            output.WriteLine("kept     ssl_certificate.txt, ssl_private_key.txt (exist; --force replaces them)");
            return;
        }

        if (present == 1 && !force)
        {
            output.WriteLine("missing  half of the TLS pair (ssl_certificate.txt, ssl_private_key.txt): import the other half with --import, or --force for a new pair");
            return;
        }

        var (certificate, key) = DevelopmentTls.New(time);
        Report(store, R3mesCatalog.Find("ssl_private_key")!, store.Write("ssl_private_key.txt", key, replace: true), "created");
        Report(store, R3mesCatalog.Find("ssl_certificate")!, store.Write("ssl_certificate.txt", certificate, replace: true), "created");
    }

    private void Report(SecretDirectory store, R3mesSecret secret, WriteOutcome outcome, string verb) => output.WriteLine(outcome switch
    {
        WriteOutcome.Written => $"{verb,-8} {secret.FileName}",
        WriteOutcome.KeptExisting => throw new OperatorException($"{store.PathOf(secret.FileName)} exists with another value: nothing was replaced; pass --force to replace it"),
        _ => $"kept     {secret.FileName} (same value)",
    });
}
