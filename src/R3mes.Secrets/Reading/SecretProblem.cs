namespace R3mes.Secrets.Reading;

/// <summary>Why a lookup has no value; decides the exception type.</summary>
internal enum SecretProblem
{
    None,
    NotFound,
    Unreadable,
    Empty,
}
