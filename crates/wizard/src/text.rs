//! Every sentence the pages show, in English and French.
//!
//! One table holds both languages, so a key without its translation does not compile. Texts
//! with values take them as `{0}`, `{1}`, filled by [`Text::fill`]; a test checks that both
//! languages use the same placeholders.

use mailshift_ovh::models::ObjectState;

use crate::lang::Lang;

macro_rules! texts {
    ($($key:ident => $en:literal, $fr:literal;)*) => {
        /// A sentence or label of the interface; its documentation is its English text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Text {
            $(#[doc = $en] $key,)*
        }

        impl Text {
            /// Every text, for the completeness tests.
            pub const ALL: &'static [Text] = &[$(Text::$key,)*];

            /// The text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                // Each language is one string and the texts are known by where they end: a
                // lookup is a few instructions and two small numbers in the web bundle, where
                // a `match` would be kilobytes of code and a table of slices 3 KB of pointers.
                const COUNT: usize = Text::ALL.len();
                const EN: &str = concat!($($en,)*);
                const FR: &str = concat!($($fr,)*);
                const EN_ENDS: [u16; COUNT] = ends([$($en.len(),)*]);
                const FR_ENDS: [u16; COUNT] = ends([$($fr.len(),)*]);
                let (all, ends) = match lang {
                    Lang::En => (EN, &EN_ENDS),
                    Lang::Fr => (FR, &FR_ENDS),
                };
                let index = self as usize;
                let start = if index == 0 { 0 } else { ends[index - 1] };
                all.get(usize::from(start)..usize::from(ends[index])).unwrap_or_default()
            }
        }
    };
}

/// Where each text ends in its language's string, from the texts' lengths.
const fn ends<const N: usize>(lengths: [usize; N]) -> [u16; N] {
    let mut ends = [0; N];
    let mut end = 0;
    let mut i = 0;
    while i < N {
        end += lengths[i];
        // Fails the build, not the page, if the texts ever outgrow 64 KiB.
        assert!(
            end <= u16::MAX as usize,
            "the texts of a language exceed 64 KiB"
        );
        ends[i] = end as u16;
        i += 1;
    }
    ends
}

impl Text {
    /// The text in `lang` with `{0}`, `{1}`… replaced by `values`.
    pub fn fill(self, lang: Lang, values: &[&str]) -> String {
        values
            .iter()
            .enumerate()
            .fold(self.get(lang).to_owned(), |text, (i, value)| {
                text.replace(&format!("{{{i}}}"), value)
            })
    }
}

impl Text {
    /// The words for an object's state.
    pub fn of_state(state: ObjectState) -> Self {
        match state {
            ObjectState::Ok => Self::StateOk,
            ObjectState::Creating => Self::StateCreating,
            ObjectState::Deleting => Self::StateDeleting,
            ObjectState::Reopening => Self::StateReopening,
            ObjectState::Suspended => Self::StateSuspended,
            ObjectState::Suspending => Self::StateSuspending,
            ObjectState::InternalMigration => Self::StateInternalMigration,
            ObjectState::Unknown | ObjectState::Unrecognized => Self::StateUnknown,
        }
    }
}

texts! {
    FooterNote => "Mailshift is an independent tool and is not affiliated with OVHcloud.",
        "Mailshift est un outil indépendant, sans lien avec OVHcloud.";
    LanguageLabel => "Language", "Langue";
    WizardSteps => "Steps", "Étapes";
    StepConnect => "Connect", "Connexion";
    StepChoose => "Source and destination", "Source et destination";
    StepReview => "Review", "Inventaire";
    IntroLead => "Mailshift moves the email addresses of your domain from one OVHcloud email platform to another (from Exchange or Email Pro to Exchange, Email Pro or MX Plan), doing for you, account by account, what OVHcloud's migration guide asks you to do by hand in the Control Panel. It runs entirely in your browser: your API keys sign each call on this page and are never sent anywhere but to OVHcloud.",
        "Mailshift déplace les adresses e-mail de votre domaine d'une plateforme e-mail OVHcloud à une autre (d'Exchange ou d'E-mail Pro vers Exchange, E-mail Pro ou MX Plan) en faisant pour vous, compte par compte, ce que le guide de migration d'OVHcloud demande de faire à la main dans l'espace client. Tout se passe dans votre navigateur : vos clés d'API signent chaque appel sur cette page et ne sont envoyées nulle part ailleurs que chez OVHcloud.";
    HowTitle => "How a migration goes", "Déroulement d'une migration";
    Step1Name => "Connect", "Connexion";
    Step1Text => "Sign in to the OVHcloud API with a key limited to what the migration needs.",
        "Connectez-vous à l'API OVHcloud avec une clé limitée à ce dont la migration a besoin.";
    Step2Name => "Choose", "Choix";
    Step2Text => "Pick the source (Exchange or Email Pro) and the destination (Exchange, Email Pro or MX Plan).",
        "Choisissez la source (Exchange ou E-mail Pro) et la destination (Exchange, E-mail Pro ou MX Plan).";
    Step3Name => "Review", "Inventaire";
    Step3Text => "See every account with its aliases and delegations, the groups, contacts and footers, and what cannot move as it is.",
        "Voyez chaque compte avec ses alias et délégations, les groupes, contacts et pieds de page, et ce qui ne peut pas partir tel quel.";
    Step4Name => "Prepare", "Préparation";
    Step4Text => "Add your domain to the destination as non-authoritative and wait until it is ready.",
        "Ajoutez votre domaine à la destination en non-autoritaire et attendez qu'il soit prêt.";
    Step5Name => "Move", "Déplacement";
    Step5Text => "For each account: rename it to a provisional address, create the address on the destination, then copy the mailbox with OVH Mail Migrator.",
        "Pour chaque compte : renommez-le avec une adresse provisoire, créez l'adresse sur la destination, puis copiez la boîte avec OVH Mail Migrator.";
    Step6Name => "Recreate", "Recréation";
    Step6Text => "Rebuild what the copy leaves behind: aliases, delegations, groups, external contacts and footers.",
        "Recréez ce que la copie laisse de côté : alias, délégations, groupes, contacts externes et pieds de page.";
    Step7Name => "Check", "Vérification";
    Step7Text => "Verify the MX, SRV and SPF records of your domain and publish the ones that are missing.",
        "Vérifiez les enregistrements MX, SRV et SPF de votre domaine et publiez ceux qui manquent.";

    ConnectTitle => "Connect to the OVHcloud API", "Se connecter à l'API OVHcloud";
    EndpointLegend => "Where is your OVHcloud account?", "Où est votre compte OVHcloud ?";
    EndpointAddress => "API address: {0}", "Adresse de l'API : {0}";
    SandboxName => "Sandbox", "Bac à sable";
    EndpointHintEu => "OVHcloud Europe: your Control Panel is at www.ovh.com/manager.",
        "OVHcloud Europe : votre espace client est sur www.ovh.com/manager.";
    EndpointHintCa => "OVHcloud Canada and Asia-Pacific: your Control Panel is at ca.ovh.com/manager.",
        "OVHcloud Canada et Asie-Pacifique : votre espace client est sur ca.ovh.com/manager.";
    EndpointHintUs => "OVHcloud US: your Control Panel is at us.ovhcloud.com/manager.",
        "OVHcloud US : votre espace client est sur us.ovhcloud.com/manager.";
    EndpointHintSandbox => "A local stand-in for OVHcloud's API with a demo company: try every step without touching real mailboxes.",
        "Une doublure locale de l'API OVHcloud avec une entreprise de démonstration : essayez chaque étape sans toucher à de vraies boîtes.";
    EndpointWarningUs => "OVHcloud does not sell Exchange, Email Pro or MX Plan in the US region: there will be no email services to migrate here.",
        "OVHcloud ne vend ni Exchange, ni E-mail Pro, ni MX Plan dans la région US : il n'y aura aucun service e-mail à migrer ici.";
    SandboxMissing => "This proxy was started without a sandbox: start it with cargo xtask run, or pick an OVHcloud endpoint.",
        "Ce proxy a été lancé sans bac à sable : lancez-le avec cargo xtask run, ou choisissez une région OVHcloud.";
    ProxyLabel => "Proxy address", "Adresse du proxy";
    ProxyHint => "Mailshift's proxy forwards the signed calls to OVHcloud. It is the server that served this page, unless you host the page elsewhere.",
        "Le proxy de Mailshift transmet les appels signés à OVHcloud. C'est le serveur qui a servi cette page, sauf si vous hébergez la page ailleurs.";
    KeysTitle => "Your API keys", "Vos clés d'API";
    KeysHowTo => "Create an application on OVHcloud's page {0} (log in with your OVHcloud account): it gives an application key and an application secret. Then paste a consumer key made with them, or leave it empty and press Request access: Mailshift asks OVHcloud for one with only the rights listed below.",
        "Créez une application sur la page {0} d'OVHcloud (connectez-vous avec votre compte OVHcloud) : elle donne une clé d'application et un secret d'application. Collez ensuite une clé consommateur faite avec elles, ou laissez ce champ vide et appuyez sur Demander l'accès : Mailshift en demande une à OVHcloud avec seulement les droits listés plus bas.";
    SandboxKeysTitle => "Keys for the sandbox", "Clés pour le bac à sable";
    SandboxKeysText => "The sandbox has a demo application. Its validation page accepts the account {0} with the password {1}.",
        "Le bac à sable a une application de démonstration. Sa page de validation accepte le compte {0} avec le mot de passe {1}.";
    UseDemoKeys => "Fill in the demo keys", "Remplir avec les clés de démonstration";
    FieldAppKey => "Application key", "Clé d'application";
    FieldAppSecret => "Application secret", "Secret d'application";
    FieldConsumerKey => "Consumer key", "Clé consommateur";
    ConsumerKeyHint => "Leave empty and press Request access to get one.",
        "Laissez vide et appuyez sur Demander l'accès pour en obtenir une.";
    KeyMissing => "This field is empty.", "Ce champ est vide.";
    KeySpaces => "This key contains spaces: paste it again without them.",
        "Cette clé contient des espaces : collez-la de nouveau sans eux.";
    Remember => "Remember the keys on this device", "Retenir les clés sur cet appareil";
    RememberHint => "Unticked, the secret and the consumer key stay in this tab's memory and are gone when you close it. Ticked, this browser keeps them until you press Forget.",
        "Décoché, le secret et la clé consommateur restent dans la mémoire de cet onglet et disparaissent à sa fermeture. Coché, ce navigateur les garde jusqu'à ce que vous appuyiez sur Oublier.";
    ConnectButton => "Connect", "Se connecter";
    RequestAccess => "Request access", "Demander l'accès";
    Forget => "Forget everything on this device", "Tout oublier sur cet appareil";
    Forgotten => "Everything Mailshift kept on this device is deleted.",
        "Tout ce que Mailshift gardait sur cet appareil est effacé.";
    RightsTitle => "Rights Mailshift asks for", "Droits demandés par Mailshift";
    RightsIntro => "Only what the migration needs. Each line is a method and a path; * stands for any name.",
        "Seulement ce dont la migration a besoin. Chaque ligne est une méthode et un chemin ; * remplace n'importe quel nom.";
    PurposeKey => "check the key and read which account it acts for", "vérifier la clé et lire le compte pour lequel elle agit";
    PurposeRead => "read services, domains, accounts and their settings", "lire les services, domaines, comptes et leurs réglages";
    PurposeRename => "rename source accounts and configure destination accounts", "renommer les comptes source et configurer les comptes de destination";
    PurposeReset => "reset provisional source accounts, only if you ask, and free destination accounts when you roll one back", "réinitialiser les comptes source provisoires, seulement si vous le demandez, et libérer les comptes de destination lors d'un retour arrière";
    PurposeDomain => "add your domain to the destination as non-authoritative", "ajouter votre domaine à la destination en non-autoritaire";
    PurposePassword => "set the passwords of the new accounts and of the provisional source accounts", "définir les mots de passe des nouveaux comptes et des comptes source provisoires";
    PurposeAliases => "move aliases, and put them back when you roll an account back", "déplacer les alias, et les remettre lors d'un retour arrière";
    PurposeDelegations => "recreate delegations, and remove them in a rollback", "recréer les délégations, et les retirer lors d'un retour arrière";
    PurposeGroups => "move groups, and put them back in a rollback", "déplacer les groupes, et les remettre lors d'un retour arrière";
    PurposeContacts => "recreate external contacts, and remove them in a rollback", "recréer les contacts externes, et les retirer lors d'un retour arrière";
    PurposeFooters => "recreate footers, and remove them in a rollback", "recréer les pieds de page, et les retirer lors d'un retour arrière";
    PurposePst => "export PST backups of the source mailboxes, only if you ask", "exporter des sauvegardes PST des boîtes source, seulement si vous le demandez";
    PurposeLegacyMove => "let OVHcloud move legacy MX Plan mailboxes", "laisser OVHcloud déplacer les boîtes MX Plan historiques";
    PurposeOther => "other changes", "autres modifications";
    Checking => "Checking your keys…", "Vérification de vos clés…";
    Requesting => "Asking OVHcloud for a consumer key…", "Demande d'une clé consommateur à OVHcloud…";
    AwaitingTitle => "Waiting for your authorization", "En attente de votre autorisation";
    AwaitingText => "Open OVHcloud's validation page (it opens in a new tab), log in, choose how long the key lives and authorize. This page notices by itself; you can also press Check now.",
        "Ouvrez la page de validation d'OVHcloud (elle s'ouvre dans un nouvel onglet), connectez-vous, choisissez la durée de la clé et autorisez. Cette page s'en aperçoit seule ; vous pouvez aussi appuyer sur Vérifier.";
    OpenValidation => "Open the validation page", "Ouvrir la page de validation";
    CheckNow => "Check now", "Vérifier";
    ReturnedTitle => "Access granted", "Accès accordé";
    ReturnedText => "You can close this tab and go back to the Mailshift tab where you started: it goes on there.",
        "Vous pouvez fermer cet onglet et revenir à l'onglet Mailshift de départ : la suite se passe là-bas.";
    ConnectedAs => "Connected to the OVHcloud account {0}.", "Connecté au compte OVHcloud {0}.";
    ConnectedNoAccount => "Connected. This key may not read the account's name.",
        "Connecté. Cette clé ne peut pas lire le nom du compte.";
    ExpiresOn => "The key expires on {0}.", "La clé expire le {0}.";
    NeverExpires => "The key does not expire.", "La clé n'expire pas.";
    MissingRightsTitle => "This key cannot list your email services", "Cette clé ne peut pas lister vos services e-mail";
    MissingRightsText => "It lacks: {0}. Press Request access to get a key with the right rules.",
        "Il lui manque : {0}. Appuyez sur Demander l'accès pour obtenir une clé avec les bonnes règles.";
    Disconnect => "Use other keys", "Utiliser d'autres clés";
    SecretsGone => "Welcome back. Your choices were kept; paste your application secret and consumer key again to go on (they were not remembered).",
        "Bon retour. Vos choix sont conservés ; collez de nouveau votre secret d'application et votre clé consommateur pour continuer (ils n'étaient pas retenus).";
    StorageRefused => "This browser refused to save your choices (private browsing or full storage): they will be lost on reload.",
        "Ce navigateur refuse d'enregistrer vos choix (navigation privée ou stockage plein) : ils seront perdus au rechargement.";

    ErrInvalidKey => "OVHcloud does not know this application key.", "OVHcloud ne connaît pas cette clé d'application.";
    FixInvalidKey => "Copy the application key again from the page where you created the application, and check that the endpoint above is the region where you created it.",
        "Copiez de nouveau la clé d'application depuis la page où vous avez créé l'application, et vérifiez que la région choisie plus haut est celle où vous l'avez créée.";
    ErrBadSignature => "OVHcloud refused the signature of the request.", "OVHcloud a refusé la signature de la requête.";
    FixBadSignature => "The application secret is probably mistyped, or the consumer key was made for another application: paste the application secret again.",
        "Le secret d'application est sans doute mal saisi, ou la clé consommateur a été faite pour une autre application : collez de nouveau le secret d'application.";
    ErrNotValidated => "The consumer key is not validated yet.", "La clé consommateur n'est pas encore validée.";
    FixNotValidated => "Open the validation page, log in to OVHcloud and authorize Mailshift; this page goes on by itself.",
        "Ouvrez la page de validation, connectez-vous à OVHcloud et autorisez Mailshift ; cette page continue d'elle-même.";
    ErrInvalidCredential => "OVHcloud does not accept this consumer key.", "OVHcloud n'accepte pas cette clé consommateur.";
    FixInvalidCredential => "It was never validated, has expired, was revoked, or belongs to another application key. Press Request access to get a new one.",
        "Elle n'a jamais été validée, a expiré, a été révoquée ou appartient à une autre clé d'application. Appuyez sur Demander l'accès pour en obtenir une nouvelle.";
    ErrNoConsumerKey => "No consumer key was sent.", "Aucune clé consommateur n'a été envoyée.";
    ErrMissingRights => "This key is not allowed to call {0}.", "Cette clé n'a pas le droit d'appeler {0}.";
    FixMissingRights => "Press Request access for a new key: Mailshift asks for every right it needs.",
        "Appuyez sur Demander l'accès pour une nouvelle clé : Mailshift demande tous les droits dont il a besoin.";
    ErrClockSkew => "OVHcloud refused the time of the request.", "OVHcloud a refusé l'heure de la requête.";
    FixClockSkew => "Check your computer's date, time and time zone, then try again.",
        "Vérifiez la date, l'heure et le fuseau horaire de votre ordinateur, puis réessayez.";
    ErrUnreachable => "The Mailshift proxy cannot be reached.", "Le proxy de Mailshift est injoignable.";
    FixUnreachable => "Check the proxy address ({0}), that the proxy is running, and your network; then try again.",
        "Vérifiez l'adresse du proxy ({0}), qu'il est lancé, et votre réseau ; puis réessayez.";
    ErrRateLimited => "OVHcloud asks Mailshift to slow down.", "OVHcloud demande à Mailshift de ralentir.";
    FixLater => "Wait a minute and try again; if it goes on, contact OVHcloud support with the query ID.",
        "Attendez une minute et réessayez ; si cela continue, contactez le support OVHcloud avec l'identifiant de requête.";
    ErrServer => "OVHcloud's API failed to answer.", "L'API d'OVHcloud n'a pas su répondre.";
    ErrNotFound => "OVHcloud does not find what was asked for.", "OVHcloud ne trouve pas ce qui a été demandé.";
    FixNotFound => "It may have been removed or renamed in the meantime: reload the list.",
        "Il a peut-être été supprimé ou renommé entre-temps : rechargez la liste.";
    ErrConflict => "OVHcloud is already working on this object.", "OVHcloud travaille déjà sur cet objet.";
    ErrExpired => "This service has expired.", "Ce service a expiré.";
    FixExpired => "Renew it in the OVHcloud Control Panel, then try again.", "Renouvelez-le dans l'espace client OVHcloud, puis réessayez.";
    ErrBadInput => "OVHcloud refused the request.", "OVHcloud a refusé la requête.";
    FixBadInput => "Check the values entered; OVHcloud's message below says which one is wrong.",
        "Vérifiez les valeurs saisies ; le message d'OVHcloud ci-dessous dit laquelle est fausse.";
    ErrTaskFailed => "An OVHcloud task failed.", "Une tâche OVHcloud a échoué.";
    FixTaskFailed => "It changed nothing; try again, and if it fails again contact OVHcloud support with the query ID.",
        "Elle n'a rien changé ; réessayez, et si elle échoue encore contactez le support OVHcloud avec l'identifiant de requête.";
    RefusedPlan => "The plan has blocking findings or no account to move: fix them and plan again.",
        "Le plan a des constats bloquants ou aucun compte à déplacer : corrigez-les et refaites le plan.";
    RefusedRecorded => "A run is already recorded in this browser: resume it, or roll it back.",
        "Une migration est déjà enregistrée dans ce navigateur : reprenez-la, ou annulez-la.";
    RefusedNothing => "This browser records no run to resume.",
        "Ce navigateur n'enregistre aucune migration à reprendre.";
    RefusedNotMoving => "{0} is not an account this run moves.",
        "{0} n'est pas un compte que cette migration déplace.";
    RefusedNotAwaiting => "{0} is not waiting for its copy.", "{0} n'attend pas sa copie.";
    RefusedNotConfirmed => "{0}: confirm its content copy before resetting the source account.",
        "{0} : confirmez la copie de son contenu avant de réinitialiser le compte source.";
    RefusedSmaller => "{0}: the destination mailbox holds {1} and the source {2}. Resetting would erase mail that may not have been copied: check the copy, or override the reset for this account.",
        "{0} : la boîte de destination contient {1} et la source {2}. Réinitialiser effacerait des messages peut-être non copiés : vérifiez la copie, ou forcez la réinitialisation de ce compte.";
    RefusedSourceReset => "{0}: the source account was reset, so its mailbox is gone and it cannot be rolled back.",
        "{0} : le compte source a été réinitialisé, sa boîte n'existe plus et il ne peut pas être ramené.";
    RunJournalFailed => "This browser cannot keep the run's journal, so the run stopped before its next write. Free some space for this site (or allow it to store data), then resume: nothing recorded is lost.",
        "Ce navigateur ne peut pas conserver le journal de la migration : elle s'est arrêtée avant sa prochaine écriture. Libérez de l'espace pour ce site (ou autorisez-le à enregistrer des données), puis reprenez : rien d'enregistré n'est perdu.";
    RunPhase1Failed => "The destination could not be prepared, so no account was touched.",
        "La destination n'a pas pu être préparée : aucun compte n'a été touché.";
    RunCallFailed => "A call failed, so the run stopped.", "Un appel a échoué : la migration s'est arrêtée.";
    LeftAlias => "The alias {0}", "L'alias {0}";
    LeftFullAccess => "Full access, held by {0}", "L'accès complet, détenu par {0}";
    LeftSendAs => "Send as, held by {0}", "L'envoi en tant que ce compte, détenu par {0}";
    LeftSendOnBehalf => "Send on behalf, held by {0}", "L'envoi de la part de ce compte, détenu par {0}";
    LeftContact => "The external contact {0}", "Le contact externe {0}";
    LeftFooter => "The footer of {0}", "Le pied de page de {0}";
    LeftGroup => "The group {0}", "Le groupe {0}";
    LeftGroupMember => "{0} in the group {1}", "{0} dans le groupe {1}";
    WhyLeftOut => "left out in the options", "laissé de côté dans les options";
    WhyCannotHold => "the destination cannot hold it", "la destination ne peut pas l'accueillir";
    WhyNotMoving => "{0} does not move with this run", "{0} ne migre pas avec cette exécution";
    NotRecreatedLine => "{0}: {1}.", "{0} : {1}.";
    AliasStays => "It stays on the provisional source account.", "Il reste sur le compte source provisoire.";
    ErrDeadline => "OVHcloud took too long.", "OVHcloud a mis trop de temps.";
    ErrCancelled => "Stopped at your request.", "Arrêté à votre demande.";
    FixCancelled => "Nothing more will be done; start again when you wish.", "Rien de plus ne sera fait ; recommencez quand vous voulez.";
    ErrUnexpected => "OVHcloud answered in an unexpected way.", "OVHcloud a répondu de façon inattendue.";
    QueryId => "OVHcloud query ID: {0}", "Identifiant de requête OVHcloud : {0}";
    TechnicalDetails => "Technical details", "Détails techniques";

    ChooseTitle => "Choose the source and the destination", "Choisir la source et la destination";
    DiscoveringStart => "Listing your email services…", "Liste de vos services e-mail…";
    Discovering => "Reading your email services: {0} of {1}…", "Lecture de vos services e-mail : {0} sur {1}…";
    ReloadList => "Reload the list", "Recharger la liste";
    NoServices => "This account has no Exchange, Email Pro or MX Plan service on this endpoint.",
        "Ce compte n'a aucun service Exchange, E-mail Pro ou MX Plan sur cette région.";
    NoSources => "None of these services can be a source: Mailshift moves addresses away from Exchange or Email Pro.",
        "Aucun de ces services ne peut être une source : Mailshift déplace des adresses depuis Exchange ou E-mail Pro.";
    SourceLegend => "Source: where your addresses are now", "Source : où sont vos adresses aujourd'hui";
    DestinationLegend => "Destination: where they go", "Destination : où elles vont";
    PickSourceFirst => "Pick a source to see the destinations.", "Choisissez une source pour voir les destinations.";
    PlatformExchange => "Exchange", "Exchange";
    PlatformEmailPro => "Email Pro", "E-mail Pro";
    PlatformMxPlan => "MX Plan", "MX Plan";
    PlatformLegacy => "MX Plan (legacy platform)", "MX Plan (ancienne plateforme)";
    ServiceCounts => "accounts: {0}, free slots: {1}", "comptes : {0}, emplacements libres : {1}";
    ServiceDomains => "Domains: {0}", "Domaines : {0}";
    NoDomain => "no domain", "aucun domaine";
    ServiceNotOk => "State {0}: it cannot be used until it is ok.", "État {0} : inutilisable tant qu'il n'est pas ok.";
    DomainsTitle => "Your domains on the destination", "Vos domaines sur la destination";
    DomainAbsent => "{0}: not there yet; Mailshift will add it as non-authoritative.",
        "{0} : pas encore présent ; Mailshift l'ajoutera en non-autoritaire.";
    DomainCannotAdd => "{0}: not on this MX Plan, which serves only its own domain. Choose another destination.",
        "{0} : absent de ce MX Plan, qui ne sert que son propre domaine. Choisissez une autre destination.";
    DomainNonAuthoritative => "{0}: present, non-authoritative, state {1}.", "{0} : présent, non-autoritaire, état {1}.";
    DomainAuthoritative => "{0}: present but authoritative, state {1}. It must be non-authoritative while the source still receives the mail.",
        "{0} : présent mais autoritaire, état {1}. Il doit être non-autoritaire tant que la source reçoit encore le courrier.";
    DomainPresent => "{0}: present, state {1}.", "{0} : présent, état {1}.";
    ReviewButton => "Review the accounts", "Voir les comptes";

    ReviewTitle => "What will move", "Ce qui va partir";
    ChangeChoice => "Change source or destination", "Changer de source ou de destination";
    LoadingDestination => "Reading the destination…", "Lecture de la destination…";
    LoadingAccountsStart => "Loading accounts…", "Chargement des comptes…";
    LoadingAccounts => "Loading accounts: {0} of {1}…", "Chargement des comptes : {0} sur {1}…";
    LoadingFeatures => "Reading groups, contacts and footers…", "Lecture des groupes, contacts et pieds de page…";
    DestinationTitle => "The destination", "La destination";
    FreeSlots => "Free slots ready: {0}", "Emplacements libres prêts : {0}";
    SlotsShort => "More accounts are selected ({0}) than the destination has free slots ({1}): order more slots in the Control Panel or select fewer accounts.",
        "Plus de comptes sont sélectionnés ({0}) que la destination n'a d'emplacements libres ({1}) : commandez des emplacements dans l'espace client ou sélectionnez moins de comptes.";
    PolicyTitle => "Password policy: {0}", "Règles de mot de passe : {0}";
    PolicyHostedComplex => "{0} to 127 characters, at least 3 kinds among upper case, lower case, digits and symbols, no part of the display name, not the login",
        "{0} à 127 caractères, au moins 3 sortes parmi majuscules, minuscules, chiffres et symboles, sans partie du nom affiché, différent de l'identifiant";
    PolicyHostedSimple => "{0} to 127 characters, no spaces", "{0} à 127 caractères, sans espace";
    PolicyZimbra => "10 to 64 characters with an upper case letter, a digit and a symbol",
        "10 à 64 caractères avec une majuscule, un chiffre et un symbole";
    PolicyLegacy => "9 to 30 characters, no accented letters, no space at either end",
        "9 à 30 caractères, sans lettre accentuée ni espace au début ou à la fin";
    LimitTitle => "Largest mailbox: {0}", "Taille maximale d'une boîte : {0}";
    NoLimit => "Largest mailbox: no limit known", "Taille maximale d'une boîte : aucune limite connue";
    FeaturesTitle => "What it can hold", "Ce qu'elle peut accueillir";
    FeatureAliases => "Aliases", "Alias";
    FeatureDelegations => "Delegations (full access, send as, send on behalf)", "Délégations (accès complet, envoi en tant que, envoi de la part de)";
    FeatureGroups => "Groups", "Groupes";
    FeatureContacts => "External contacts", "Contacts externes";
    FeatureFooters => "Footers", "Pieds de page";
    FeatureCollaboration => "Calendars, contacts and shared features", "Calendriers, contacts et fonctions partagées";
    SupportYes => "yes", "oui";
    SupportRedirections => "as redirections", "sous forme de redirections";
    SupportNo => "no", "non";
    AccountsTitle => "Accounts", "Comptes";
    NoAccounts => "This service has no configured account.", "Ce service n'a aucun compte configuré.";
    Search => "Search", "Rechercher";
    SelectAll => "Select all", "Tout sélectionner";
    SelectNone => "Select none", "Ne rien sélectionner";
    SelectedCount => "{0} of {1} selected", "{0} sur {1} sélectionnés";
    ColSelect => "Select", "Sélection";
    ColAddress => "Address", "Adresse";
    ColName => "Display name", "Nom affiché";
    ColSize => "Size", "Taille";
    ColState => "State", "État";
    ColDetails => "Aliases and delegations", "Alias et délégations";
    ShowDetails => "Show", "Afficher";
    LoadingDetails => "Loading…", "Chargement…";
    NoneWord => "none", "aucun";
    AliasesLabel => "Aliases: {0}", "Alias : {0}";
    FullAccessLabel => "Full access: {0}", "Accès complet : {0}";
    SendAsLabel => "Send as: {0}", "Envoi en tant que : {0}";
    SendOnBehalfLabel => "Send on behalf: {0}", "Envoi de la part de : {0}";
    SizeUnknown => "unknown", "inconnue";
    BlockTooBig => "Too big for the destination: {0} (limit {1})", "Trop grosse pour la destination : {0} (limite {1})";
    BlockState => "State {0}: only ok accounts can move", "État {0} : seuls les comptes ok peuvent partir";
    BlockedSummary => "Accounts that cannot move as they are: {0}. They are marked in the table and cannot be selected.",
        "Comptes qui ne peuvent pas partir tels quels : {0}. Ils sont signalés dans le tableau et ne peuvent pas être sélectionnés.";
    StateOk => "ok", "ok";
    StateCreating => "creating", "en création";
    StateDeleting => "deleting", "en suppression";
    StateReopening => "reopening", "en réouverture";
    StateSuspended => "suspended", "suspendu";
    StateSuspending => "suspending", "en suspension";
    StateInternalMigration => "moving inside OVHcloud", "en déplacement chez OVHcloud";
    StateUnknown => "unknown", "inconnu";
    GroupsTitle => "Groups ({0})", "Groupes ({0})";
    ContactsTitle => "External contacts ({0})", "Contacts externes ({0})";
    FootersTitle => "Footers ({0})", "Pieds de page ({0})";
    NoneFound => "None.", "Aucun.";
    FooterOutside => "on mail leaving the organisation only", "seulement sur le courrier sortant de l'organisation";
    FooterAll => "on every message", "sur chaque message";
    NotOnDestination => "The destination cannot hold these: you will have to do without them or recreate them elsewhere.",
        "La destination ne peut pas les accueillir : il faudra s'en passer ou les recréer ailleurs.";
    StepDestination => "Destination", "Destination";
    StepPlan => "Plan", "Plan";
    StepRun => "Run", "Exécution";
    StepCopy => "Copy", "Copie";
    StepFinish => "Finish", "Fin";
    CopyValue => "Copy", "Copier";
    CopiedValue => "Copied", "Copié";
    CheckAgain => "Check again", "Vérifier à nouveau";
    ReadingBothSides => "Reading the source and the destination…", "Lecture de la source et de la destination…";
    ContinueToDestination => "Continue with the chosen accounts", "Continuer avec les comptes choisis";
    PrepareTitle => "Prepare the destination", "Préparer la destination";
    DestinationLead => "Before any address moves, the destination must accept your domain as non-authoritative: it then delivers the mail of the addresses it holds, and relays the rest to the source's server (the mxRelay, {0}). Mail keeps arriving on the source for every account that has not moved yet.",
        "Avant qu'une adresse ne parte, la destination doit accepter votre domaine en non-autoritaire : elle distribue alors le courrier des adresses qu'elle héberge et relaie le reste vers le serveur de la source (le mxRelay, {0}). Le courrier continue d'arriver sur la source pour chaque compte qui n'a pas encore changé de plateforme.";
    DestinationNotNeeded => "An MX Plan service carries its domain already: there is nothing to configure on the destination. Go on to the plan.",
        "Un service MX Plan porte déjà son domaine : il n'y a rien à configurer sur la destination. Passez au plan.";
    DomainToAdd => "Not on the destination yet: Mailshift adds it as non-authoritative.",
        "Pas encore sur la destination : Mailshift l'ajoute en non-autoritaire.";
    DomainReady => "Ready: on the destination, non-authoritative.", "Prêt : sur la destination, en non-autoritaire.";
    DomainNotReady => "On the destination, but OVHcloud has not finished with it (state: {0}). Wait a few minutes, then check again.",
        "Sur la destination, mais OVHcloud n'en a pas fini avec lui (état : {0}). Attendez quelques minutes, puis vérifiez à nouveau.";
    DomainIsAuthoritative => "The destination is authoritative for this domain: it would refuse the mail of the addresses still on the source. In the Control Panel, set it to non-authoritative (Associated domains), then check again.",
        "La destination fait autorité pour ce domaine : elle refuserait le courrier des adresses encore sur la source. Dans l'espace client, passez-le en non-autoritaire (Domaines associés), puis vérifiez à nouveau.";
    DomainCname => "Its DNS zone is not at OVHcloud: publish this CNAME record in the zone (pointing to ssl0.ovh.net), then let Mailshift wait until OVHcloud sees it.",
        "Sa zone DNS n'est pas chez OVHcloud : publiez cet enregistrement CNAME dans la zone (vers ssl0.ovh.net), puis laissez Mailshift attendre qu'OVHcloud le voie.";
    AddDomains => "Add as non-authoritative and wait until ready", "Ajouter en non-autoritaire et attendre qu'il soit prêt";
    WaitForCname => "It is published: wait for OVHcloud", "C'est publié : attendre OVHcloud";
    ConfiguringDestination => "Configuring the destination: {0}…", "Configuration de la destination : {0}…";
    ContinueToPlan => "Continue to the plan", "Continuer vers le plan";
    PlanTitle => "Plan the migration", "Planifier la migration";
    PlanLead => "Nothing is written before you confirm. Change an option and the plan follows.",
        "Rien n'est écrit avant votre confirmation. Changez une option, le plan suit.";
    OptionsTitle => "Options", "Options";
    OptPattern => "Provisional name of the source accounts", "Nom provisoire des comptes source";
    OptPatternHelp => "The name each source account takes while its address moves: {login} is its login, {nn} a number that keeps it free.",
        "Le nom que prend chaque compte source pendant que son adresse part : {login} est son identifiant, {nn} un numéro qui le garde libre.";
    OptAliases => "Move the aliases: each leaves the source account and joins the new one.",
        "Déplacer les alias : chacun quitte le compte source et rejoint le nouveau.";
    OptFullAccess => "Recreate full-access delegations.", "Recréer les délégations d'accès complet.";
    OptSendAs => "Recreate send-as delegations.", "Recréer les délégations « envoyer en tant que ».";
    OptSendOnBehalf => "Recreate send-on-behalf delegations.", "Recréer les délégations « envoyer de la part de ».";
    OptGroups => "Move the groups (Exchange to Exchange only), with their members and managers.",
        "Déplacer les groupes (d'Exchange à Exchange seulement), avec leurs membres et gestionnaires.";
    OptContacts => "Copy the external contacts.", "Copier les contacts externes.";
    OptFooters => "Copy the footers (disclaimers).", "Copier les pieds de page.";
    OptSourcePasswords => "Give the provisional source accounts a new password, so that the copy tool can log in to them.",
        "Donner un nouveau mot de passe aux comptes source provisoires, pour que l'outil de copie puisse s'y connecter.";
    OptPst => "Export each source mailbox as a PST backup (Exchange sources only).",
        "Exporter chaque boîte source en sauvegarde PST (sources Exchange seulement).";
    OptReset => "Plan to reset the source accounts once their copy is confirmed (each reset still waits for you, on the last page).",
        "Prévoir la réinitialisation des comptes source une fois leur copie confirmée (chacune vous attend encore, sur la dernière page).";
    OptAtOnce => "Accounts moved at the same time (1 to 10): more is faster, OVHcloud queues the tasks of each service.",
        "Comptes déplacés en même temps (1 à 10) : plus c'est rapide, OVHcloud met en file les tâches de chaque service.";
    OptPatternPlaceholders => "The provisional name must contain {login} and {nn}.", "Le nom provisoire doit contenir {login} et {nn}.";
    OptPatternCharacters => "The provisional name may not contain “{0}”: use letters, digits, dots, hyphens and underscores.",
        "Le nom provisoire ne peut pas contenir « {0} » : utilisez lettres, chiffres, points, tirets et tirets bas.";
    OptAtOnceRange => "Accounts at the same time: between 1 and 10.", "Comptes en même temps : entre 1 et 10.";
    PasswordsTitle => "Passwords of the new mailboxes", "Mots de passe des nouvelles boîtes";
    PasswordsGenerated => "Generate them: each is shown once on the copy page, with a download.",
        "Les générer : chacun est montré une fois sur la page de copie, avec un téléchargement.";
    PasswordsGiven => "Type them, one per account.", "Les saisir, un par compte.";
    PasswordFor => "Password for {0}", "Mot de passe de {0}";
    PasswordFits => "Fits the destination's rules.", "Respecte les règles de la destination.";
    PwTooShort => "It must have at least {0} characters.", "Il doit avoir au moins {0} caractères.";
    PwTooLong => "It must have at most {0} characters.", "Il doit avoir au plus {0} caractères.";
    PwTooSimple => "It must mix at least 3 kinds of characters: upper case, lower case, digits, symbols.",
        "Il doit mêler au moins 3 sortes de caractères : majuscules, minuscules, chiffres, symboles.";
    PwWhiteSpace => "It must not contain spaces.", "Il ne doit pas contenir d'espace.";
    PwPersonal => "It must not contain the login or part of the display name.", "Il ne doit contenir ni l'identifiant ni une partie du nom affiché.";
    PwMissingKind => "It must contain an upper case letter, a digit and a symbol.", "Il doit contenir une majuscule, un chiffre et un symbole.";
    PwForbidden => "It must have no accented letter and no space at either end.", "Il ne doit avoir ni lettre accentuée ni espace au début ou à la fin.";
    FindingsTitle => "Checks before the run", "Vérifications avant l'exécution";
    NoFindings => "Nothing to fix.", "Rien à corriger.";
    FindingBlocking => "Blocks", "Bloquant";
    FindingWarning => "Note", "À savoir";
    DryRunTitle => "Dry run: what will be done", "Simulation : ce qui sera fait";
    DryRunCost => "{0} API calls, {1} of them writes; about {2} minutes.", "{0} appels d'API, dont {1} écritures ; environ {2} minutes.";
    DryRunPhase1 => "The destination first", "D'abord la destination";
    DryRunService => "Then, for the whole service", "Puis, pour tout le service";
    DryRunAccount => "{0}, provisionally {1}", "{0}, provisoirement {1}";
    DryRunStays => "{0} stays where it is (see the checks above).", "{0} reste où il est (voir les vérifications ci-dessus).";
    NotRecreatedTitle => "Not recreated", "Non recréé";
    ConfirmRun => "Confirm and start the migration", "Confirmer et lancer la migration";
    ConfirmNote => "The run is recorded in this browser: a reload or a closed tab comes back to it and goes on.",
        "L'exécution est enregistrée dans ce navigateur : un rechargement ou un onglet fermé y revient et continue.";
    RunTitle => "Migration", "Migration";
    RunOverall => "{0} of {1} accounts moved, {2} stopped.", "{0} comptes déplacés sur {1}, {2} arrêtés.";
    RunProgressLabel => "Accounts that reached an end", "Comptes arrivés au bout";
    PhaseStarting => "Reading the journal and checking it against OVHcloud…", "Lecture du journal et vérification auprès d'OVHcloud…";
    PhaseRunning => "Running: each account is renamed, configured on the destination and completed in turn.",
        "En cours : chaque compte est renommé, configuré sur la destination et complété à son tour.";
    PhasePaused => "Pausing at the next step boundary; no account is left between its rename and its configuration.",
        "Pause à la fin de l'étape en cours ; aucun compte n'est laissé entre son renommage et sa configuration.";
    PhaseIdle => "The plan is carried out up to the mailbox copy.", "Le plan est exécuté jusqu'à la copie des boîtes.";
    PhaseBusy => "Working…", "En cours…";
    PhaseCancelled => "Cancelled at a step boundary. Nothing is lost: resume to go on from where it stopped.",
        "Annulé à la fin d'une étape. Rien n'est perdu : reprenez pour continuer là où elle s'est arrêtée.";
    Pause => "Pause", "Pause";
    Resume => "Resume", "Reprendre";
    CancelRun => "Cancel", "Annuler";
    RetryStopped => "Retry the stopped accounts", "Relancer les comptes arrêtés";
    Retry => "Retry", "Relancer";
    RollBack => "Roll back", "Revenir en arrière";
    RollBackAllTitle => "Roll back everything", "Tout annuler";
    RollBackAllText => "Puts every account the run touched back on the source as it was, and removes what it recreated. Reset accounts cannot come back.",
        "Remet sur la source, comme avant, chaque compte touché par l'exécution, et retire ce qu'elle a recréé. Les comptes réinitialisés ne peuvent pas revenir.";
    RollBackAll => "Roll back every account", "Annuler pour tous les comptes";
    StrandedAlert => "{0} exists nowhere right now: mail to it is refused. Retry it, or roll it back to give the address back to the source.",
        "{0} n'existe nulle part en ce moment : le courrier qui lui est adressé est refusé. Relancez-le, ou revenez en arrière pour rendre l'adresse à la source.";
    ColProvisional => "Provisional address", "Adresse provisoire";
    ColLastStep => "Last step", "Dernière étape";
    ColActions => "Actions", "Actions";
    LogTitle => "Log", "Journal";
    LogSkipped => "{0}: {1} (already done)", "{0} : {1} (déjà fait)";
    LogDone => "{0}: {1}", "{0} : {1}";
    LogExport => "{0}: PST export {1}%", "{0} : export PST {1} %";
    LogService => "service", "service";
    LogCname => "OVHcloud waits for the CNAME record {0} in the zone of {1}: publish it where the zone is hosted.",
        "OVHcloud attend l'enregistrement CNAME {0} dans la zone de {1} : publiez-le là où la zone est hébergée.";
    ContinueToCopy => "Continue to the copy", "Continuer vers la copie";
    StatusBlocked => "stays on the source", "reste sur la source";
    StatusWaiting => "waiting", "en attente";
    StatusMoving => "moving", "en cours";
    StatusAwaitingCopy => "live on the destination, copy to do", "actif sur la destination, copie à faire";
    StatusCopyConfirmed => "copy confirmed", "copie confirmée";
    StatusDone => "done", "terminé";
    StatusStopped => "stopped", "arrêté";
    StatusStranded => "stopped, address nowhere", "arrêté, adresse nulle part";
    StatusPaused => "paused", "en pause";
    StatusRolledBack => "rolled back", "revenu en arrière";
    StepAddDomain => "add the domain", "ajout du domaine";
    StepRename => "rename", "renommage";
    StepConfigure => "configure the address", "configuration de l'adresse";
    StepPassword => "set the password", "mot de passe";
    StepAlias => "move an alias", "déplacement d'un alias";
    StepDelegation => "delegation", "délégation";
    StepContact => "external contact", "contact externe";
    StepFooter => "footer", "pied de page";
    StepGroup => "group", "groupe";
    StepPst => "PST export", "export PST";
    StepReset => "reset the source account", "réinitialisation du compte source";
    StepFree => "free the destination account", "libération du compte de destination";
    FindingFor => "{0}: {1}", "{0} : {1}";
    FindDomainToAdd => "{0} is not on the destination yet. Mailshift adds it as non-authoritative first, so mail keeps arriving on the source until each address moves.",
        "{0} n'est pas encore sur la destination. Mailshift l'ajoute d'abord en non-autoritaire : le courrier continue d'arriver sur la source jusqu'au départ de chaque adresse.";
    FindDomainNotReady => "{0} is on the destination but in state {1}. Wait until OVHcloud shows it OK, then plan again.",
        "{0} est sur la destination mais dans l'état {1}. Attendez qu'OVHcloud l'affiche OK, puis planifiez à nouveau.";
    FindDomainAuthoritative => "The destination is authoritative for {0}: it would refuse mail for the addresses still on the source. Set the domain to non-authoritative on the destination (Associated domains), then plan again.",
        "La destination fait autorité pour {0} : elle refuserait le courrier des adresses encore sur la source. Passez le domaine en non-autoritaire sur la destination (Domaines associés), puis planifiez à nouveau.";
    FindCname => "The DNS zone of {0} is not at OVHcloud. Publish a CNAME record named {1} (pointing to ssl0.ovh.net) in the zone; Mailshift waits for OVHcloud to see it.",
        "La zone DNS de {0} n'est pas chez OVHcloud. Publiez un enregistrement CNAME nommé {1} (vers ssl0.ovh.net) dans la zone ; Mailshift attend qu'OVHcloud le voie.";
    FindDomainFixed => "An MX Plan serves only its own domain, {1}, and this address is on {0}. Choose a destination that holds {0}.",
        "Un MX Plan ne sert que son propre domaine, {1}, et cette adresse est sur {0}. Choisissez une destination qui porte {0}.";
    FindNotEnoughSlots => "{0} accounts are selected but the destination has {1} free accounts ready. Order more accounts for the destination, or select fewer.",
        "{0} comptes sont choisis mais la destination n'a que {1} comptes libres prêts. Commandez plus de comptes pour la destination, ou choisissez-en moins.";
    FindTooBig => "The mailbox holds {0}, more than the destination's {1}. Empty it below the limit first, or choose a larger destination.",
        "La boîte contient {0}, plus que les {1} de la destination. Videz-la sous la limite d'abord, ou choisissez une destination plus grande.";
    FindNotReady => "The account is in state {0}. Only accounts in state OK can move: fix it in the Control Panel, then plan again.",
        "Le compte est dans l'état {0}. Seuls les comptes à l'état OK peuvent partir : corrigez-le dans l'espace client, puis planifiez à nouveau.";
    FindBusy => "An operation is still running on the account. Wait a few minutes, then plan again.",
        "Une opération est encore en cours sur le compte. Attendez quelques minutes, puis planifiez à nouveau.";
    FindNoProvisionalName => "Every provisional name from 01 to 99 is taken. Change the provisional name pattern.",
        "Tous les noms provisoires de 01 à 99 sont pris. Changez le modèle de nom provisoire.";
    FindAddressTaken => "The address already exists on the destination. Remove it there, or leave this account out.",
        "L'adresse existe déjà sur la destination. Supprimez-la là-bas, ou laissez ce compte de côté.";
    FindWeakPassword => "The password given is refused by the destination: {0} Choose another one.",
        "Le mot de passe saisi est refusé par la destination : {0} Choisissez-en un autre.";
    FindMissingPassword => "No password was given. Type one, or let Mailshift generate it.",
        "Aucun mot de passe n'a été saisi. Saisissez-en un, ou laissez Mailshift le générer.";
    FindDelegateNotMoving => "{0} has {1} on this account but is not moving, so that right is not recreated. Select {0} too, or give the right again by hand afterwards.",
        "{0} a le droit « {1} » sur ce compte mais ne part pas : ce droit n'est pas recréé. Choisissez aussi {0}, ou redonnez le droit à la main ensuite.";
    FindUnsupported => "The destination cannot hold {0} ({1} on the source): they are not recreated. Keep a note of them before the source accounts are reset.",
        "La destination ne peut pas accueillir : {0} ({1} sur la source). Ils ne sont pas recréés : notez-les avant la réinitialisation des comptes source.";
    CopyTitle => "Copy the mailboxes with OVH Mail Migrator", "Copier les boîtes avec OVH Mail Migrator";
    CopyLead => "OVH Mail Migrator (OMM) copies the content of each old mailbox into the new one. Create one migration per account with the values below, or import the project CSV, then confirm each copy here once it has finished.",
        "OVH Mail Migrator (OMM) copie le contenu de chaque ancienne boîte dans la nouvelle. Créez une migration par compte avec les valeurs ci-dessous, ou importez le CSV du projet, puis confirmez ici chaque copie une fois terminée.";
    OpenOmm => "Open OVH Mail Migrator", "Ouvrir OVH Mail Migrator";
    CsvDownload => "Download the project CSV", "Télécharger le CSV du projet";
    CsvWarning => "This file holds the passwords of the source and destination accounts: keep it safe, and delete it once the copies are done.",
        "Ce fichier contient les mots de passe des comptes source et destination : gardez-le en lieu sûr et supprimez-le une fois les copies terminées.";
    SideSource => "Source", "Source";
    SideDestination => "Destination", "Destination";
    FieldType => "Type", "Type";
    FieldServer => "Server", "Serveur";
    FieldLogin => "Login", "Identifiant";
    FieldPassword => "Password", "Mot de passe";
    PasswordNotKept => "not known to this tab: it was set before a reload, and a new one is set when the run resumes",
        "inconnu de cet onglet : il a été défini avant un rechargement, et un nouveau est défini quand l'exécution reprend";
    PstTitle => "PST backup", "Sauvegarde PST";
    PstGet => "Get the download link", "Obtenir le lien de téléchargement";
    PstLink => "Download the PST (until {0})", "Télécharger le PST (jusqu'au {0})";
    PstDrop => "Remove the export from OVHcloud", "Retirer l'export d'OVHcloud";
    ConfirmCopy => "Copy done", "Copie terminée";
    ConfirmAll => "Every copy is done", "Toutes les copies sont terminées";
    NothingToCopy => "No account waits for its copy.", "Aucun compte n'attend sa copie.";
    ContinueToFinish => "Continue to finish", "Continuer vers la fin";
    FinishTitle => "Finish", "Fin";
    ResetTitle => "Reset the provisional source accounts (optional)", "Réinitialiser les comptes source provisoires (facultatif)";
    ResetLead => "A reset empties an old mailbox on the source and frees its account. Mailshift refuses while the destination holds clearly less than the source.",
        "Une réinitialisation vide une ancienne boîte sur la source et libère son compte. Mailshift refuse tant que la destination contient nettement moins que la source.";
    ResetNone => "No copy is confirmed yet: confirm copies on the copy page first.", "Aucune copie n'est encore confirmée : confirmez d'abord les copies sur la page de copie.";
    SizesSideBySide => "source {0} · destination {1}", "source {0} · destination {1}";
    SizeSource => "source {0} when planned", "source {0} au moment du plan";
    ReadSizes => "Compare the sizes", "Comparer les tailles";
    ResetAccount => "Reset", "Réinitialiser";
    OverrideReset => "I checked this mailbox: allow its reset", "J'ai vérifié cette boîte : autoriser sa réinitialisation";
    DnsTitle => "DNS checks", "Vérifications DNS";
    DnsLead => "Once every address has moved, point the domain's records to the destination. OVHcloud's diagnostics, read now:",
        "Une fois toutes les adresses déplacées, faites pointer les enregistrements du domaine vers la destination. Les diagnostics d'OVHcloud, lus maintenant :";
    DnsRecord => "Record", "Enregistrement";
    DnsExpected => "Expected", "Attendu";
    DnsCurrent => "Current", "Actuel";
    DnsValid => "correct", "correct";
    DnsToChange => "to change", "à modifier";
    DnsTrouble => "The DNS checks could not be read: {0}", "Les vérifications DNS n'ont pas pu être lues : {0}";
    ClientTitle => "Mail client settings", "Réglages des logiciels de messagerie";
    ClientLead => "For phones and mail programs that are set up by hand; the server is the destination's, as the API gives it.",
        "Pour les téléphones et logiciels configurés à la main ; le serveur est celui de la destination, tel que l'API le donne.";
    ColProtocol => "Protocol", "Protocole";
    ColServer => "Server", "Serveur";
    ColPort => "Port", "Port";
    ColSecurity => "Security", "Sécurité";
    ReportTitle => "Report", "Rapport";
    BuildReport => "Build the report (reads the DNS checks)", "Établir le rapport (lit les vérifications DNS)";
    ReportJson => "Download the report (JSON)", "Télécharger le rapport (JSON)";
    ReportAccountsCsv => "Download the accounts (CSV)", "Télécharger les comptes (CSV)";
    ReportCallsCsv => "Download every API call (CSV)", "Télécharger chaque appel d'API (CSV)";
    CloseRun => "Close this run", "Clore cette exécution";
    CloseRunNote => "Forgets the run's journal in this browser, to start another; download the report first.",
        "Oublie le journal de l'exécution dans ce navigateur, pour en lancer une autre ; téléchargez d'abord le rapport.";
    RunRecorded => "A migration is recorded in this browser: connect to go back to it.", "Une migration est enregistrée dans ce navigateur : connectez-vous pour y revenir.";
    SortByAddress => "Sort by address", "Trier par adresse";
    SortByName => "Sort by display name", "Trier par nom affiché";
    SortBySize => "Sort by size", "Trier par taille";
    SortByState => "Sort by state", "Trier par état";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Names and words that read the same in both languages.
    const SAME: &[Text] = &[
        Text::PlatformExchange,
        Text::PlatformMxPlan,
        Text::StateOk,
        Text::StepDestination,
        Text::StepPlan,
        Text::OptionsTitle,
        Text::RunTitle,
        Text::Pause,
        Text::SideSource,
        Text::SideDestination,
        Text::FieldType,
        Text::ColPort,
        Text::ColActions,
        Text::LogService,
        Text::SizesSideBySide,
        Text::DnsValid,
    ];

    #[test]
    fn each_state_ovhcloud_names_has_its_own_words() {
        let words: BTreeSet<&str> = ObjectState::NAMES
            .iter()
            .map(|(_, state)| Text::of_state(*state).get(Lang::En))
            .collect();
        assert_eq!(words.len(), ObjectState::NAMES.len(), "{words:?}");
        assert_eq!(
            Text::of_state(ObjectState::Unrecognized),
            Text::StateUnknown
        );
    }

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.match_indices('{')
            .filter_map(|(i, _)| {
                let rest = &text[i + 1..];
                let end = rest.find('}')?;
                Some(rest[..end].to_owned())
            })
            .collect()
    }

    #[test]
    fn every_text_is_translated_with_the_same_placeholders() {
        for &text in Text::ALL {
            let (en, fr) = (text.get(Lang::En), text.get(Lang::Fr));
            assert!(!en.trim().is_empty() && !fr.trim().is_empty(), "{text:?}");
            if !SAME.contains(&text) {
                assert_ne!(en, fr, "{text:?} is not translated");
            }
            assert_eq!(placeholders(en), placeholders(fr), "{text:?}");
        }
    }

    #[test]
    fn each_text_is_found_whole_in_both_languages_first_to_last() {
        assert_eq!(
            Text::FooterNote.get(Lang::En),
            "Mailshift is an independent tool and is not affiliated with OVHcloud."
        );
        assert_eq!(Text::LanguageLabel.get(Lang::Fr), "Langue");
        assert_eq!(Text::SortByState.get(Lang::En), "Sort by state");
        assert_eq!(Text::SortByState.get(Lang::Fr), "Trier par état");
        assert_eq!(Text::ALL.last(), Some(&Text::SortByState));
    }

    #[test]
    fn fill_replaces_each_placeholder() {
        assert_eq!(
            Text::SelectedCount.fill(Lang::Fr, &["3", "12"]),
            "3 sur 12 sélectionnés"
        );
        assert_eq!(
            Text::ErrMissingRights.fill(Lang::En, &["GET /email/pro"]),
            "This key is not allowed to call GET /email/pro."
        );
    }
}
