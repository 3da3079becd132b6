namespace SecGroupAdmin.Web.Events;

/// <summary>Neutron's three callback phases: before may veto, precommit runs in the transaction, after runs once committed.</summary>
public enum EventPhase
{
    Before,
    Precommit,
    After,
}
