using SecGroupAdmin.Domain.Analysis;

namespace SecGroupAdmin.Web.Analysis;

/// <summary>
/// One line of an exposure preview: what a draft newly opens or newly blocks, on how many ports, in words — e.g.
/// "newly opens tcp/22 from 0.0.0.0/0 on 3 ports: web-1, web-2, web-3". <paramref name="PortNames"/> are the names
/// shown (the caller's ports only, at most <see cref="ExposurePreviewService.NamesShown"/>); <paramref name="PortCount"/>
/// counts every port the change reaches, another tenant's (using a shared group) included.
/// </summary>
public sealed record ExposurePreviewChange(ExposureChangeKind Kind, string Text, int PortCount, IReadOnlyList<string> PortNames);
