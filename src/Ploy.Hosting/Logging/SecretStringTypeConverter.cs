using System.ComponentModel;
using System.Globalization;

namespace Ploy.Hosting.Logging;

/// <summary>Lets configuration binding fill <see cref="SecretString"/> properties from a string; converts back only redacted.</summary>
public sealed class SecretStringTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string s ? new SecretString(s) : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is SecretString ? SecretString.Redacted : base.ConvertTo(context, culture, value, destinationType);
}
