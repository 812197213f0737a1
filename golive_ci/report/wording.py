"""The checklist's words in English and French; the French follows Stripe's own page.

The French item texts and sub-points use the wording of Stripe's « Liste de contrôle pour la mise en
production » (the seed of this project). That page's text gives no headings for the items, so the
French titles are built from each item's own sentences (« définissez la version de l'API », « gère
toutes les erreurs possibles », …). Slugs, task ids and the hidden markers never change with the
language: machine output stays neutral and a tick survives a change of language.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr")

# Manual boxes: the same id in both languages, so a tick is read back whatever the language.
TASKS: dict[str, dict[str, str]] = {
    "edge-cases-outside-tester": {
        "en": "A third party tested the integration, ideally someone who is not a developer.",
        "fr": "Un tiers a testé votre intégration, en particulier un tiers qui n’est pas développeur lui-même.",
    },
    "webhooks-late-and-unordered": {
        "en": "The live endpoint handles late webhook notifications and does not require event "
        "notifications to arrive in a particular order.",
        "fr": "L’endpoint de production traite bien les notifications de webhooks en retard et n’exige pas "
        "que les notifications d’événements interviennent dans un ordre particulier.",
    },
    "announcements-subscribed": {
        "en": "The team is subscribed to Stripe's API announcements (the api-announce mailing list).",
        "fr": "L’équipe est abonnée à la liste de diffusion des annonces API de Stripe.",
    },
}

# slug -> (title, what to do, sub-points) in French, from the page's own sentences.
FRENCH_ITEMS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "api-version": (
        "Définir la version de l’API",
        "Toutes les requêtes utilisent les paramètres d’API de votre compte, sauf si vous remplacez la version "
        "de l’API ; par défaut, les événements webhook sont structurés en fonction de la version d’API de votre "
        "compte, sauf si vous définissez une version d’API lors de la création de l’endpoint.",
        (
            "Installez la dernière version de l’API dans Workbench au sein du Dashboard",
            "Pour les langages dynamiques (Node.js, PHP, Python, Ruby) : définissez la version de l’API dans la "
            "bibliothèque côté serveur",
            "Pour les langages fortement typés (Go, Java, TypeScript, .NET) : installez la dernière version de la "
            "bibliothèque de votre choix",
        ),
    ),
    "edge-cases": (
        "Tester les cas limites",
        "Faites preuve de vigilance et testez votre intégration avec les valeurs test de Stripe et avec :",
        (
            "Données incomplètes",
            "Données non valides",
            "Des données dupliquées (par exemple, essayez la même requête pour voir ce qui se passe)",
        ),
    ),
    "error-handling": (
        "Gérer toutes les erreurs possibles",
        "Vérifiez bien que votre code est défensif et qu’il gère toutes les erreurs possibles, pas seulement les "
        "plus courantes, y compris celles qui ne devraient « jamais » se produire.",
        (
            "Une carte refusée (à savoir, card_error) n’est pas la même chose qu’une erreur qui touche votre "
            "back-end (par exemple, invalid_request_error) : portez une attention toute particulière aux "
            "informations qui sont renvoyées à l’utilisateur",
        ),
    ),
    "logging": (
        "Consigner les données importantes",
        "Consignez toutes les données importantes de votre côté, même si cela peut paraître redondant : vos logs "
        "vous sauveront la mise si votre serveur ne peut pas se connecter à Stripe.",
        (
            "Vérifiez régulièrement que vos logs ne stockent que les informations dont vous avez besoin et aucune "
            "information confidentielle (par exemple des informations de carte bancaire ou des informations "
            "d’identification personnelle)",
        ),
    ),
    "test-objects": (
        "Recréer les objets en mode production",
        "Les objets Stripe créés dans un environnement de test, tels que les offres, les bons de réduction, les "
        "produits et les unités de gestion des stocks, ne sont pas utilisables en mode production.",
        (
            "Lorsque vous recréez les objets nécessaires en mode production, utilisez les mêmes valeurs d’ID (par "
            "exemple, le même ID d’offre, pas le même nom)",
        ),
    ),
    "webhooks": (
        "Définir des endpoints de webhook de production",
        "Assurez-vous d’avoir défini des endpoints de production dans votre compte Stripe, puis confirmez que "
        "l’endpoint de production fonctionne exactement comme votre endpoint de test. Vérifiez également que "
        "votre endpoint de production :",
        (
            "Traite bien les notifications de webhooks en retard",
            "Traite bien les doublons de notification de webhook",
            "N’exige pas que les notifications d’événements interviennent dans un ordre particulier",
        ),
    ),
    "announcements": (
        "S’abonner aux annonces API",
        "Abonnez-vous à la liste de diffusion des annonces API de Stripe pour vous tenir informé des nouvelles "
        "fonctionnalités.",
        (),
    ),
    "key-rotation": (
        "Changer vos clés API",
        "Par mesure de sécurité, changez vos clés API régulièrement, ainsi que juste avant le passage en "
        "production, au cas où elles auraient été enregistrées en dehors de votre codebase pendant le "
        "développement.",
        (
            "À la fin du processus, vos clés API ne sont pas représentées ou stockées à plusieurs endroits, "
            "notamment dans votre logiciel de contrôle des versions",
        ),
    ),
}

# The frame around the items: comment, job summary, `golive-ci account` text.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "heading": "Stripe go-live checklist",
        "item": "Checklist item",
        "result": "Result",
        "what_to_do": "What to do:",
        "more": "… and {count} more: see {where} and the SARIF report",
        "the_summary": "the job summary",
        "notes": "Notes from the run",
        "more_notes": "… and {count} more in the job summary",
        "counts": "{errors} error(s), {warnings} warning(s)",
        "notes_count": ", {infos} note(s)",
        "at_commit": " at `{sha}`",
        "account_footer": "account checks: {note}",
        "cut": "_… cut to fit GitHub's comment size limit: see the job summary._",
        "fail": "need work",
        "warning": "to review",
        "pass": "pass",
        "skipped": "not checked",
        "checked_by": "checked by {names}",
        "account_checks": "account checks",
        "confirmed": "confirmed by a reader (ticked below)",
        "manual_only": "no machine can check this: tick the box below once it is done",
        "no_static_check": "no static check covers this item; account checks {note}",
        "no_check": "no check covers this item yet",
        "comment_status": "Checklist comment {action}: {url}",
        "created": "created",
        "updated": "updated",
        "unchanged": "unchanged",
        "status.pass": "PASS",
        "status.fail": "FAIL",
        "status.warning": "WARN",
        "status.could-not-verify": "UNVERIFIED",
        "status.not-run": "NOT RUN",
        "fix": "fix: {fix}",
        "notice": "notice: {note}",
        "and_more": "… and {count} more",
        "account_counts": "{passed} passed, {failed} failed, {warnings} warning(s), {unverified} could not be "
        "verified, {not_run} not run ({source}).",
        "source_snapshot": "snapshot",
        "source_api": "{calls} Stripe API call(s)",
    },
    "fr": {
        "heading": "Liste de contrôle pour la mise en production Stripe",
        "item": "Élément de la liste",
        "result": "Résultat",
        "what_to_do": "À faire :",
        "more": "… et {count} de plus : voir {where} et le rapport SARIF",
        "the_summary": "le résumé du job",
        "notes": "Notes de l’exécution",
        "more_notes": "… et {count} de plus dans le résumé du job",
        "counts": "{errors} erreur(s), {warnings} avertissement(s)",
        "notes_count": ", {infos} note(s)",
        "at_commit": " au commit `{sha}`",
        "account_footer": "vérifications du compte : {note}",
        "cut": "_… tronqué pour respecter la taille maximale d’un commentaire GitHub : voir le résumé du job._",
        "fail": "à corriger",
        "warning": "à revoir",
        "pass": "validé(s)",
        "skipped": "non vérifié(s)",
        "checked_by": "vérifié par {names}",
        "account_checks": "les vérifications du compte",
        "confirmed": "confirmé par un lecteur (case cochée ci-dessous)",
        "manual_only": "aucune machine ne peut le vérifier : cochez la case ci-dessous une fois que c’est fait",
        "no_static_check": "aucune vérification statique ne couvre cet élément ; vérifications du compte : {note}",
        "no_check": "aucune vérification ne couvre encore cet élément",
        "comment_status": "Commentaire de la liste de contrôle {action} : {url}",
        "created": "créé",
        "updated": "mis à jour",
        "unchanged": "inchangé",
        "status.pass": "OK",
        "status.fail": "ÉCHEC",
        "status.warning": "ATTENTION",
        "status.could-not-verify": "NON VÉRIFIÉ",
        "status.not-run": "NON EXÉCUTÉ",
        "fix": "correction : {fix}",
        "notice": "remarque : {note}",
        "and_more": "… et {count} de plus",
        "account_counts": "{passed} réussie(s), {failed} en échec, {warnings} avertissement(s), {unverified} non "
        "vérifiable(s), {not_run} non exécutée(s) ({source}).",
        "source_snapshot": "instantané",
        "source_api": "{calls} appel(s) à l’API Stripe",
    },
}

# Account-check notes the pipeline writes (English) and their French.
FRENCH_NOTES = {
    "not run: no live key given (pull requests from forks get no secrets)": "non exécutées : aucune clé live "
    "fournie (les pull requests venant de forks ne reçoivent aucun secret)",
    "ran with the live key": "exécutées avec la clé live",
}


def checked_language(value: str) -> str:
    """``en`` or ``fr`` (case-insensitive); ValueError naming the choices otherwise."""
    language = value.strip().lower()
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {value!r}")
    return language


def phrase(language: str, name: str, **values: object) -> str:
    text = PHRASES.get(language, PHRASES["en"])[name]
    return text.format(**values) if values else text


def task_text(task_id: str, language: str) -> str:
    texts = TASKS[task_id]
    return texts.get(language, texts["en"])


def account_note(note: str, language: str) -> str:
    return FRENCH_NOTES.get(note, note) if language == "fr" else note
