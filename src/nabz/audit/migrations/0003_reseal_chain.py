# Re-sign an audit chain written before it was keyed; see nabz.audit.reseal.

from django.db import migrations


def reseal_chain(apps, schema_editor):
    from nabz.audit.reseal import BrokenLegacyChain, reseal

    try:
        reseal(
            apps.get_model("audit", "AuditEntry"),
            apps.get_model("audit", "AuditHead"),
            schema_editor.connection.alias,
        )
    except BrokenLegacyChain as exc:
        raise RuntimeError(f"audit.0003: {exc}") from None


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_keyed_chain"),
    ]

    operations = [
        migrations.RunPython(reseal_chain, migrations.RunPython.noop, elidable=False),
    ]
