using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// What every auth method factory shares: its name in <c>vault.auth.method</c>, its keys under <c>vault.auth</c>,
/// binding them (errors on <c>vault.auth</c>). A method's folder supplies only the bind call (written out in the
/// method, so the configuration binding generator sees the concrete type) and the login it builds from the options.
/// </summary>
public abstract class AuthMethodFactory<TOptions>(string method, IReadOnlyCollection<string> optionKeys) : IAuthMethodFactory
    where TOptions : new()
{
    public string Method => method;

    public IReadOnlyCollection<string> OptionKeys => optionKeys;

    public IAuthMethod? Create(AuthMethodContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Create(context, context.Bind(Bind));
    }

    /// <summary><c>section.Get&lt;TOptions&gt;()</c>, in the derived class.</summary>
    protected abstract TOptions? Bind(IConfigurationSection section);

    /// <summary>The method from its bound options, or null after reporting what is missing to <see cref="AuthMethodContext.Errors"/>.</summary>
    protected abstract IAuthMethod? Create(AuthMethodContext context, TOptions options);
}
